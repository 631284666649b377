package com.cpor.reliability;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimBody;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.apiclient.ConsentPage;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.MailText;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Takes one claim through its lifecycle over the REST APIs like the partner, the reviewer and the customer do,
 * while services may be down: a request that got no answer is repeated; a 409 after such a request means the
 * first one was applied. Never throws: what went wrong is recorded on the {@link ClaimRun} for the oracles.
 */
final class ClaimDriver {

    private final ApiClient partner = ReliabilityPlatform.as(DevUser.PARTNER_ADMIN);
    private final ApiClient reviewer = ReliabilityPlatform.as(DevUser.REVIEWER);
    private final Duration stepTimeout;

    ClaimDriver(Duration stepTimeout) {
        this.stepTimeout = stepTimeout;
    }

    static ClaimRun newRun(Ending ending) {
        return newRun(ending, false);
    }

    static ClaimRun newCanary() {
        return newRun(Ending.WINDOW_ELAPSED, true);
    }

    private static ClaimRun newRun(Ending ending, boolean canary) {
        String tag = UUID.randomUUID().toString();
        return new ClaimRun(ending, "customer+" + tag + "@contoso.example", "partner+" + tag + "@partner-one.example",
                canary);
    }

    void drive(ClaimRun run) {
        try {
            create(run);
            switch (run.ending) {
                case WINDOW_ELAPSED -> {
                    review(run.claimId, "approve", Map.of());
                    awaitSentToEvaluation(run);
                }
                case CUSTOMER_DECLINED -> {
                    review(run.claimId, "approve", Map.of());
                    decline(run);
                    if (run.declineAcknowledged) {
                        awaitClaim(run.claimId, rejectedFor("CUSTOMER_DECLINED"));
                    } else {
                        awaitSentToEvaluation(run);
                    }
                }
                case REVIEWER_REJECTED -> {
                    review(run.claimId, "reject", Map.of("reason", "INSUFFICIENT_POE"));
                    awaitClaim(run.claimId, rejectedFor("INSUFFICIENT_POE"));
                }
                case PARTNER_ACTION_THEN_APPROVED -> {
                    review(run.claimId, "request-partner-action",
                            Map.of("reasons", List.of("MISSING_ALL_POE"), "comment", "Please add the usage report"));
                    awaitClaim(run.claimId, status("PARTNER_ACTION_REQUIRED"));
                    act(partner, claimUrl(run.claimId) + "/submit", Map.of());
                    awaitClaim(run.claimId, status("SUBMITTED"));
                    review(run.claimId, "approve", Map.of());
                    awaitSentToEvaluation(run);
                }
                case WITHDRAWN_WHEN_SUBMITTED -> {
                    act(partner, claimUrl(run.claimId) + "/withdraw", Map.of("reason", "OTHER", "text", "Wrong customer tenant"));
                    awaitClaim(run.claimId, rejectedFor("PARTNER_REQUEST"));
                }
                case WITHDRAWN_IN_REVIEW -> {
                    startReview(run.claimId);
                    act(partner, claimUrl(run.claimId) + "/withdraw", Map.of("reason", "OTHER", "text", "Wrong customer tenant"));
                    awaitClaim(run.claimId, rejectedFor("PARTNER_REQUEST"));
                }
            }
            run.finishedAt = Instant.now();
        } catch (RuntimeException | AssertionError e) {
            run.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.out.println("[reliability] claim failed: " + run);
        }
    }

    /** Create, upload the PoE and submit: the claim counts as acknowledged once the 201 arrived. */
    private void create(ClaimRun run) {
        Instant deadline = Instant.now().plus(stepTimeout);
        while (run.claimId == null) {
            try {
                ApiResponse created = partner.post(ReliabilityPlatform.claims(), newClaim(run));
                if (created.status() == 201) {
                    run.claimId = created.json().get("id").asString();
                    run.acknowledgedAt = Instant.now();
                } else if (refused(created)) {
                    throw new AssertionError("create refused " + created.status() + ": " + created.body());
                } else {
                    retryOrFail(deadline, "create answered " + created.status() + ": " + created.body());
                }
            } catch (ApiClient.Unreachable e) {
                run.unacknowledgedCreates++;
                retryOrFail(deadline, "create: " + e.getMessage());
            }
        }
        String documents = claimUrl(run.claimId) + "/documents";
        while (true) {
            try {
                ApiResponse uploaded = partner.upload(documents, "poe.pdf", "application/pdf", ClaimFixtures.pdf());
                if (uploaded.status() == 201) {
                    break;
                }
                if (refused(uploaded)) {
                    throw new AssertionError("upload refused " + uploaded.status() + ": " + uploaded.body());
                }
                retryOrFail(deadline, "upload answered " + uploaded.status() + ": " + uploaded.body());
            } catch (ApiClient.Unreachable e) {
                retryOrFail(deadline, "upload: " + e.getMessage());
            }
        }
        act(partner, claimUrl(run.claimId) + "/submit", Map.of());
    }

    private void startReview(String claimId) {
        awaitReviewAllows(claimId, "start");
        act(reviewer, ReliabilityPlatform.reviews() + "/" + claimId + "/start", Map.of());
        awaitClaim(claimId, status("IN_REVIEW"));
    }

    /** Starts the review (when the queue offers it) and takes the decision. */
    private void review(String claimId, String decision, Map<String, Object> body) {
        startReview(claimId);
        awaitReviewAllows(claimId, decision);
        act(reviewer, ReliabilityPlatform.reviews() + "/" + claimId + "/" + decision, body);
    }

    private void decline(ClaimRun run) {
        String link = consentLink(run.customerEmail);
        Instant deadline = Instant.now().plus(stepTimeout);
        boolean unanswered = false;
        while (true) {
            try {
                ConsentPage.Page page = declineConsent(link);
                if (page.status() == 200) {
                    run.declineAcknowledged = true;
                    return;
                }
                if (page.status() == 409 && unanswered) {
                    // our earlier decline was applied but its answer was lost
                    run.declineAcknowledged = true;
                    return;
                }
                if (page.status() == 410 || page.status() == 409) {
                    // the consent page says the window had closed: the oracles hold it to the window's recorded end
                    run.declineRefusedAt = Instant.now();
                    run.declineRefusal = page.status();
                    return;
                }
                retryOrFail(deadline, "decline answered " + page.status());
            } catch (ApiClient.Unreachable e) {
                unanswered = true;
                retryOrFail(deadline, "decline: " + e.getMessage());
            }
        }
    }

    /** The customer (no account) opens the consent link and submits the page's decline form, when it has one. */
    private static ConsentPage.Page declineConsent(String link) {
        ConsentPage browser = new ConsentPage(Duration.ofSeconds(3), Duration.ofSeconds(20));
        ConsentPage.Page page = browser.open(link);
        return page.status() != 200 || page.csrfToken() == null ? page : browser.decline(link, page);
    }

    private String consentLink(String customerEmail) {
        Instant deadline = Instant.now().plus(stepTimeout);
        while (true) {
            List<MimeMessage> mails = ReliabilityPlatform.get().mail().messagesTo(customerEmail);
            if (!mails.isEmpty()) {
                return MailText.consentLinkIn(mails.getFirst());
            }
            retryOrFail(deadline, "no consent e-mail to " + customerEmail);
        }
    }

    private void awaitSentToEvaluation(ClaimRun run) {
        awaitClaim(run.claimId, claim -> "APPROVED".equals(text(claim, "status"))
                && claim.path("eligibility").path("sentAt").isString());
    }

    /** POSTs until it is applied: 2xx, or 409 after an attempt whose answer was lost. */
    private void act(ApiClient who, String url, Object body) {
        Instant deadline = Instant.now().plus(stepTimeout);
        boolean unanswered = false;
        while (true) {
            try {
                ApiResponse response = who.post(url, body);
                if (response.ok() || (response.status() == 409 && unanswered)) {
                    return;
                }
                if (refused(response)) {
                    throw new AssertionError("POST " + url + " refused " + response.status() + ": " + response.body());
                }
                retryOrFail(deadline, "POST " + url + " answered " + response.status() + ": " + response.body());
            } catch (ApiClient.Unreachable e) {
                unanswered = true;
                retryOrFail(deadline, "POST " + url + ": " + e.getMessage());
            }
        }
    }

    private void awaitReviewAllows(String claimId, String action) {
        awaitJson(reviewer, ReliabilityPlatform.reviews() + "/" + claimId, details -> {
            // the details wrap the review with its history
            JsonNode review = details.has("review") ? details.get("review") : details;
            for (JsonNode allowed : review.path("allowedActions")) {
                if (action.equals(allowed.asString())) {
                    return true;
                }
            }
            return false;
        }, "review of " + claimId + " allowing " + action);
    }

    JsonNode awaitClaim(String claimId, Predicate<JsonNode> condition) {
        return awaitJson(partner, claimUrl(claimId), condition, "claim " + claimId);
    }

    private JsonNode awaitJson(ApiClient who, String url, Predicate<JsonNode> condition, String what) {
        Instant deadline = Instant.now().plus(stepTimeout);
        String last = "no answer";
        while (true) {
            try {
                ApiResponse response = who.get(url);
                if (response.status() == 200) {
                    JsonNode json = response.json();
                    if (condition.test(json)) {
                        return json;
                    }
                    last = json.path("status").asString();
                } else {
                    last = "HTTP " + response.status();
                }
            } catch (ApiClient.Unreachable e) {
                last = e.getMessage();
            }
            retryOrFail(deadline, what + " not as expected within " + stepTimeout + " (last: " + last + ")");
        }
    }

    /** A client error no retry can fix (not: not yet there 404, wrong state yet 409, slow down 429). */
    private static boolean refused(ApiResponse response) {
        return response.status() >= 400 && response.status() < 500
                && response.status() != 404 && response.status() != 409 && response.status() != 429;
    }

    static Predicate<JsonNode> status(String status) {
        return claim -> status.equals(text(claim, "status"));
    }

    static Predicate<JsonNode> rejectedFor(String reason) {
        return claim -> "REJECTED".equals(text(claim, "status"))
                && reason.equals(claim.path("rejection").path("reason").asString());
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asString();
    }

    static String claimUrl(String claimId) {
        return ReliabilityPlatform.claims() + "/" + claimId;
    }

    private static void retryOrFail(Instant deadline, String problem) {
        if (Instant.now().isAfter(deadline)) {
            throw new AssertionError(problem);
        }
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The shared valid claim (api-client ClaimBody) of the run: Fabrikam, its customer and partner contacts. */
    static Map<String, Object> newClaim(ClaimRun run) {
        return ClaimBody.valid().name("Fabrikam — Teams usage (" + run.ending + ")")
                .customer("fabrikam.onmicrosoft.com", "Fabrikam Inc").customerEmail(run.customerEmail)
                .partnerEmail(run.partnerEmail).toMap();
    }
}
