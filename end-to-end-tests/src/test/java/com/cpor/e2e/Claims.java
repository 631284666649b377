package com.cpor.e2e;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ClaimBody;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.devinfra.DevUser;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** The steps of the lifecycle as the partner and the reviewer take them through the REST APIs. */
final class Claims {

    private Claims() {
    }

    /** The shared valid claim (api-client ClaimBody) for this customer contact. */
    static Map<String, Object> newClaim(String customerEmail, String customerLocale) {
        return ClaimBody.valid().customerEmail(customerEmail).customerLocale(customerLocale).toMap();
    }

    /** Creates, uploads a PoE and submits; returns the claim id. */
    static String submitNewClaim(String customerEmail, String customerLocale) {
        return submit(E2EPlatform.as(DevUser.PARTNER_ADMIN), newClaim(customerEmail, customerLocale));
    }

    /** Creates the claim as {@code partner}, uploads a PoE and submits; returns the claim id. */
    static String submit(ApiClient partner, Map<String, Object> claim) {
        return new ClaimFixtures(partner, E2EPlatform.claims()).submitted(claim);
    }

    /**
     * Waits until review-service has queued the claim's review (it learns of the submission by event): each GET waits
     * for it up to 20 s ({@code Prefer: wait}) instead of polling.
     */
    static void awaitReviewQueued(String claimId) {
        ApiClient reviewer = E2EPlatform.as(DevUser.REVIEWER);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                reviewer.send("GET", E2EPlatform.reviews() + "/" + claimId, null, null,
                        Map.of("Prefer", "wait=20")).status() == 200);
    }

    /** The reviewer finds the claim in the queue and starts the review. */
    static void startReview(String claimId) {
        ApiClient reviewer = E2EPlatform.as(DevUser.REVIEWER);
        awaitReviewQueued(claimId);
        reviewer.post(E2EPlatform.reviews() + "/" + claimId + "/start", Map.of()).expect(200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> "IN_REVIEW".equals(
                E2EPlatform.as(DevUser.REVIEWER).get(E2EPlatform.claims() + "/" + claimId).expect(200).json()
                        .get("status").asString()));
    }

    /** The reviewer finds the claim in the queue, starts the review and approves it. */
    static void approve(String claimId) {
        ApiClient reviewer = E2EPlatform.as(DevUser.REVIEWER);
        startReview(claimId);
        reviewer.post(E2EPlatform.reviews() + "/" + claimId + "/approve", Map.of("comment", "PoE is complete"))
                .expect(200);
    }

    static JsonNode get(String claimId) {
        return E2EPlatform.as(DevUser.PARTNER_ADMIN).get(E2EPlatform.claims() + "/" + claimId).expect(200).json();
    }

    static JsonNode awaitClaim(String claimId, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(claimId), condition::test);
    }
}
