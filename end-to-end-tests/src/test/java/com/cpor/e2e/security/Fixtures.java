package com.cpor.e2e.security;

import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimBody;
import com.cpor.apiclient.ClaimFixtures;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Claims of partner 1234567 (or 7654321) brought into a given state through the public APIs. */
final class Fixtures {

    static final String PARTNER = ClaimFixtures.PARTNER;
    static final String OTHER_PARTNER = ClaimFixtures.OTHER_PARTNER;

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** A claim and (when it has one) its PoE document. */
    record ClaimRef(String id, String documentId) {
    }

    private Fixtures() {
    }

    /** The shared valid claim (api-client ClaimBody) of the partner, for Fabrikam, Teams only. */
    static Map<String, Object> newClaim(String partnerId) {
        return ClaimBody.valid().name("Security table claim " + UUID.randomUUID()).partnerId(partnerId)
                .customer("fabrikam.onmicrosoft.com", "Fabrikam Ltd").declaredDomains(List.of("fabrikam.example"))
                .products("TEAMS").customerEmail("anna+" + UUID.randomUUID() + "@fabrikam.example").toMap();
    }

    private static ClaimFixtures partnerSteps() {
        return new ClaimFixtures(SharedPlatform.as(Who.PARTNER_ADMIN), SharedPlatform.claims());
    }

    static ClaimRef editing() {
        return new ClaimRef(partnerSteps().create(newClaim(PARTNER)), null);
    }

    static ClaimRef editingWithDocument() {
        ClaimRef claim = editing();
        return new ClaimRef(claim.id(), partnerSteps().uploadPoe(claim.id()));
    }

    static ClaimRef submitted() {
        ClaimRef claim = editingWithDocument();
        partnerSteps().submit(claim.id());
        return claim;
    }

    static void startReview(String claimId) {
        SharedPlatform.as(Who.REVIEWER).post(SharedPlatform.reviews() + "/" + claimId + "/start", Map.of()).expect(200);
    }

    static void reject(String claimId) {
        SharedPlatform.as(Who.REVIEWER).post(SharedPlatform.reviews() + "/" + claimId + "/reject",
                Map.of("reason", "INSUFFICIENT_POE", "comment", "The PoE does not show usage")).expect(200);
    }

    static void approve(String claimId) {
        SharedPlatform.as(Who.REVIEWER).post(SharedPlatform.reviews() + "/" + claimId + "/approve",
                Map.of("comment", "PoE is complete")).expect(200);
    }

    static void dispute(String claimId) {
        SharedPlatform.as(Who.PARTNER_ADMIN).post(SharedPlatform.claims() + "/" + claimId + "/dispute",
                Map.of("justification", "Usage is visible in the admin centre", "documentIds", List.of()))
                .expect(200);
    }

    static void awaitConsentWindow(String claimId) {
        awaitJson(SharedPlatform.baseUrl("consent-service") + "/api/v1/consents/" + claimId, Who.STAFF,
                consents -> true);
    }

    /** The id of a notification of the claim once one has been sent. */
    static String sentNotificationOf(String claimId) {
        String url = SharedPlatform.baseUrl("notification-service") + "/api/v1/notifications?claimId=" + claimId;
        JsonNode sent = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (JsonNode notification : SharedPlatform.as(Who.STAFF).get(url).expect(200).json().get("items")) {
                if ("SENT".equals(notification.get("status").asString())) {
                    return notification;
                }
            }
            return null;
        }, found -> found != null);
        return sent.get("id").asString();
    }

    static void awaitClaimStatus(String claimId, String status) {
        awaitJson(SharedPlatform.claims() + "/" + claimId, Who.PARTNER_ADMIN,
                claim -> status.equals(claim.get("status").asString()));
    }

    static void awaitReview(String claimId, String status) {
        awaitJson(SharedPlatform.reviews() + "/" + claimId, Who.REVIEWER,
                review -> status.equals(review.get("review").get("status").asString()));
    }

    private static void awaitJson(String url, Who who, Predicate<JsonNode> condition) {
        AtomicReference<String> last = new AtomicReference<>("no answer yet");
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
                ApiResponse response = SharedPlatform.as(who).get(url);
                last.set(response.status() + " " + response.body());
                return response.status() == 200 && condition.test(response.json());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Waited in vain on " + url + "; last answer: " + last.get(), e);
        }
    }
}
