package com.cpor.e2e;

import com.cpor.devinfra.DevUser;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** The steps of the lifecycle as the partner and the reviewer take them through the REST APIs. */
final class Claims {

    /** A minimal but real PDF: the service checks content, not names. */
    static final byte[] POE_PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    private Claims() {
    }

    static Map<String, Object> newClaim(String customerEmail, String customerLocale) {
        return Map.of(
                "name", "Contoso — Teams and Exchange usage",
                "partnerId", "1234567",
                "solutionArea", "MICROSOFT_365",
                "activity", "USAGE",
                "customer", Map.of("tenantId", UUID.randomUUID().toString(),
                        "domain", "contoso.onmicrosoft.com", "name", "Contoso Ltd",
                        "declaredDomains", List.of(customerEmail.substring(customerEmail.indexOf('@') + 1))),
                "products", List.of(Map.of("code", "TEAMS"), Map.of("code", "EXCHANGE_ONLINE")),
                "customerContact", Map.of("name", "Anna Kowalska", "title", "CIO",
                        "email", customerEmail, "locale", customerLocale),
                "partnerContact", Map.of("name", "Piotr Nowak", "email", "piotr@partner-one.example",
                        "locale", "en-US"));
    }

    /** Creates, uploads a PoE and submits; returns the claim id. */
    static String submitNewClaim(String customerEmail, String customerLocale) {
        return submit(Api.as(DevUser.PARTNER_ADMIN), newClaim(customerEmail, customerLocale));
    }

    /** Creates the claim as {@code partner}, uploads a PoE and submits; returns the claim id. */
    static String submit(Api partner, Map<String, Object> claim) {
        String id = partner.post(E2EPlatform.claims(), claim).expect(201).json().get("id").asString();
        partner.upload(E2EPlatform.claims() + "/" + id + "/documents", "poe.pdf", "application/pdf", POE_PDF)
                .expect(201);
        partner.post(E2EPlatform.claims() + "/" + id + "/submit", Map.of()).expect(200);
        return id;
    }

    /** Waits until review-service has queued the claim's review (it learns of the submission by event). */
    static void awaitReviewQueued(String claimId) {
        Api reviewer = Api.as(DevUser.REVIEWER);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                reviewer.get(E2EPlatform.reviews() + "/" + claimId).status() == 200);
    }

    /** The reviewer finds the claim in the queue and starts the review. */
    static void startReview(String claimId) {
        Api reviewer = Api.as(DevUser.REVIEWER);
        awaitReviewQueued(claimId);
        reviewer.post(E2EPlatform.reviews() + "/" + claimId + "/start", Map.of()).expect(200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> "IN_REVIEW".equals(
                Api.as(DevUser.REVIEWER).get(E2EPlatform.claims() + "/" + claimId).expect(200).json()
                        .get("status").asString()));
    }

    /** The reviewer finds the claim in the queue, starts the review and approves it. */
    static void approve(String claimId) {
        Api reviewer = Api.as(DevUser.REVIEWER);
        startReview(claimId);
        reviewer.post(E2EPlatform.reviews() + "/" + claimId + "/approve", Map.of("comment", "PoE is complete"))
                .expect(200);
    }

    static JsonNode get(String claimId) {
        return Api.as(DevUser.PARTNER_ADMIN).get(E2EPlatform.claims() + "/" + claimId).expect(200).json();
    }

    static JsonNode awaitClaim(String claimId, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> get(claimId), condition::test);
    }
}
