package com.cpor.e2e.security;

import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Claims of partner 1234567 (or 7654321) brought into a given state through the public APIs. */
final class Fixtures {

    static final String PARTNER = "1234567";
    static final String OTHER_PARTNER = "7654321";

    /** A minimal but real PDF: the claim service checks content, not names. */
    static final byte[] POE_PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** A claim and (when it has one) its PoE document. */
    record ClaimRef(String id, String documentId) {
    }

    private Fixtures() {
    }

    static Map<String, Object> newClaim(String partnerId) {
        return Map.of(
                "name", "Security table claim " + UUID.randomUUID(),
                "partnerId", partnerId,
                "solutionArea", "MICROSOFT_365",
                "activity", "USAGE",
                "customer", Map.of("tenantId", UUID.randomUUID().toString(),
                        "domain", "fabrikam.onmicrosoft.com", "name", "Fabrikam Ltd",
                        "declaredDomains", List.of("fabrikam.example")),
                "products", List.of(Map.of("code", "TEAMS")),
                "customerContact", Map.of("name", "Anna Kowalska", "title", "CIO",
                        "email", "anna+" + UUID.randomUUID() + "@fabrikam.example", "locale", "en-US"),
                "partnerContact", Map.of("name", "Piotr Nowak", "email", "piotr@partner-one.example",
                        "locale", "en-US"));
    }

    static ClaimRef editing() {
        String id = Http.as(Who.PARTNER_ADMIN).json("POST", SharedPlatform.claims(), newClaim(PARTNER))
                .expect(201).json().get("id").asString();
        return new ClaimRef(id, null);
    }

    static ClaimRef editingWithDocument() {
        ClaimRef claim = editing();
        String documentId = Http.as(Who.PARTNER_ADMIN)
                .upload(SharedPlatform.claims() + "/" + claim.id() + "/documents", "poe.pdf", "application/pdf", POE_PDF)
                .expect(201).json().get("id").asString();
        return new ClaimRef(claim.id(), documentId);
    }

    static ClaimRef submitted() {
        ClaimRef claim = editingWithDocument();
        Http.as(Who.PARTNER_ADMIN).json("POST", SharedPlatform.claims() + "/" + claim.id() + "/submit", Map.of())
                .expect(200);
        return claim;
    }

    static void startReview(String claimId) {
        Http.as(Who.REVIEWER).json("POST", SharedPlatform.reviews() + "/" + claimId + "/start", Map.of()).expect(200);
    }

    static void reject(String claimId) {
        Http.as(Who.REVIEWER).json("POST", SharedPlatform.reviews() + "/" + claimId + "/reject",
                Map.of("reason", "INSUFFICIENT_POE", "comment", "The PoE does not show usage")).expect(200);
    }

    static void approve(String claimId) {
        Http.as(Who.REVIEWER).json("POST", SharedPlatform.reviews() + "/" + claimId + "/approve",
                Map.of("comment", "PoE is complete")).expect(200);
    }

    static void dispute(String claimId) {
        Http.as(Who.PARTNER_ADMIN).json("POST", SharedPlatform.claims() + "/" + claimId + "/dispute",
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
            for (JsonNode notification : Http.as(Who.STAFF).get(url).expect(200).json().get("items")) {
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
                Http.Response response = Http.as(who).get(url);
                last.set(response.status() + " " + response.body());
                return response.status() == 200 && condition.test(response.json());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Waited in vain on " + url + "; last answer: " + last.get(), e);
        }
    }
}
