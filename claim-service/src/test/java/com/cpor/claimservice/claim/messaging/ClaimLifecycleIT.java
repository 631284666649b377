package com.cpor.claimservice.claim.messaging;

import com.cpor.apiclient.ClaimFixtures;
import com.cpor.claimservice.SamplePartnerDirectory;
import com.cpor.devinfra.DevUser;
import com.cpor.events.Actor;
import com.cpor.events.CporEvent;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.Topics;
import com.cpor.events.consents.ConsentDeclined;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.consents.ConsentWindowElapsed;
import com.cpor.events.reviews.DisputeDecided;
import com.cpor.events.reviews.PartnerActionRequested;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.events.reviews.ReviewReassigned;
import com.cpor.events.reviews.ReviewRejected;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.events.reviews.ReviewStarted;
import com.cpor.platform.messaging.EventJson;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cpor.platform.testsupport.EventProbe.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lifecycle driven by review and consent events on real Kafka, asserted on the claim and the published events. */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class ClaimLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Actor REVIEWER = new Actor("reviewer", "Réka Szabó", "reka@reviews.example", Actor.ActorKind.REVIEWER);
    private static EventProbe probe;

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    MeterRegistry meters;

    private TestApi api;
    private ClaimFixtures claims;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.CLAIMS, Topics.INCENTIVE_EVALUATION,
                Topics.deadLetterOf(Topics.REVIEWS));
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @BeforeEach
    void client() {
        api = new TestApi(port);
        claims = new ClaimFixtures(api.as(DevUser.PARTNER_ADMIN), ClaimFixtures.CLAIMS);
    }

    @Test
    void deadlines_falling_due_within_a_day_are_counted_for_operators() {
        // the gauge counts every claim of the test context: this test's share is the change across its deadlines
        clock.advance(Duration.ofSeconds(11)); // past the gauge's query cache
        double before = meters.get("cpor.deadlines.due.next.day").tag("kind", "reviewStartDueAt").gauge().value();
        String id = claims.submitted(ClaimFixtures.microsoft365Claim());
        String later = claims.submitted(ClaimFixtures.microsoft365Claim());
        String past = claims.submitted(ClaimFixtures.microsoft365Claim());
        Instant dueSoon = now().plus(Duration.ofHours(2));
        Instant dueTomorrow = now().plus(Duration.ofHours(30));
        Instant overdue = now().minus(Duration.ofHours(1));
        send(Topics.REVIEWS, new ReviewQueued(UUID.randomUUID(), now(), id, dueSoon));
        send(Topics.REVIEWS, new ReviewQueued(UUID.randomUUID(), now(), later, dueTomorrow));
        send(Topics.REVIEWS, new ReviewQueued(UUID.randomUUID(), now(), past, overdue));
        awaitClaim(id, claim -> assertThat(claim.get("deadlines").get("reviewStartDueAt").asString())
                .isEqualTo(dueSoon.toString()));
        awaitClaim(later, claim -> assertThat(claim.get("deadlines").get("reviewStartDueAt").asString())
                .isEqualTo(dueTomorrow.toString()));
        awaitClaim(past, claim -> assertThat(claim.get("deadlines").get("reviewStartDueAt").asString())
                .isEqualTo(overdue.toString()));
        clock.advance(Duration.ofSeconds(11));

        assertThat(meters.get("cpor.deadlines.due.next.day").tag("kind", "reviewStartDueAt").gauge().value() - before)
                .as("only the deadline within the next day").isEqualTo(1);
    }

    @Test
    void approved_claim_whose_consent_window_elapses_is_sent_to_evaluation() {
        String id = claims.submitted(ClaimFixtures.microsoft365Claim());
        ConsumerRecord<String, String> submitted = probe.await(typed("claim.submitted", id), WAIT);
        assertThat(submitted.value()).contains("\"partnerId\":\"1234567\"",
                "\"partnerOrganisation\":{\"partnerId\":\"1234567\",\"name\":\"Nowak IT Solutions sp. z o.o.\","
                        + "\"country\":\"PL\",\"timeZone\":\"Europe/Warsaw\"}");
        assertThat(probe.await(typed("claim.status-changed", id), WAIT).value())
                .contains("\"fromStatus\":\"EDITING\"", "\"toStatus\":\"SUBMITTED\"");

        Instant reviewStartDue = now().plus(Duration.ofDays(7));
        send(Topics.REVIEWS, new ReviewQueued(UUID.randomUUID(), now(), id, reviewStartDue));
        awaitClaim(id, claim -> assertThat(claim.get("deadlines").get("reviewStartDueAt").asString())
                .isEqualTo(reviewStartDue.toString()));

        send(Topics.REVIEWS, new ReviewStarted(UUID.randomUUID(), now(), id, REVIEWER, now().plus(Duration.ofDays(7))));
        awaitStatus(id, "IN_REVIEW");
        send(Topics.REVIEWS, new ReviewApproved(UUID.randomUUID(), now(), id, REVIEWER, "PoE is complete"));
        awaitStatus(id, "APPROVED");
        assertThat(probe.await(statusChange(id, "IN_REVIEW", "APPROVED"), WAIT).value()).contains("PoE is complete");

        Instant windowEnds = now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        send(Topics.CONSENTS, new ConsentRequested(UUID.randomUUID(), now(), id, "consent-1", windowEnds,
                "http://consent/x", null));
        awaitClaim(id, claim -> assertThat(claim.get("deadlines").get("consentWindowEndsAt").asString())
                .isEqualTo(windowEnds.toString()));

        send(Topics.CONSENTS, new ConsentWindowElapsed(UUID.randomUUID(), now(), id, "consent-1", windowEnds));
        awaitClaim(id, claim -> assertThat(claim.get("eligibility").get("sentAt").isNull()).isFalse());
        JsonNode claim = claims.get(id);
        assertThat(claim.get("status").asString()).isEqualTo("APPROVED");

        ConsumerRecord<String, String> ready = probe.await(typed("association.ready-for-evaluation", id), WAIT);
        assertThat(ready.topic()).isEqualTo(Topics.INCENTIVE_EVALUATION);
        assertThat(ready.value()).contains("\"program\":\"OSU_M365\"", "\"code\":\"TEAMS\"",
                "\"consentClosedAt\":\"" + windowEnds + "\"", "\"name\":\"Nowak IT Solutions sp. z o.o.\"");
        probe.await(typed("claim.sent-to-evaluation", id), WAIT);
    }

    @Test
    void customer_decline_during_the_window_rejects_the_claim_finally() {
        String id = approvedClaim();
        send(Topics.CONSENTS, new ConsentDeclined(UUID.randomUUID(), now(), id, "consent-2",
                new Actor("customer", "Anna Kowalska", "anna@contoso.example", Actor.ActorKind.CUSTOMER)));
        awaitStatus(id, "REJECTED");
        JsonNode rejection = claims.get(id).get("rejection");
        assertThat(rejection.get("reason").asString()).isEqualTo("CUSTOMER_DECLINED");
        assertThat(rejection.get("final").asBoolean()).isTrue();
        assertThat(probe.await(statusChange(id, "APPROVED", "REJECTED"), WAIT).value()).contains("CUSTOMER_DECLINED");
    }

    @Test
    void partner_action_request_then_resubmission_returns_the_claim_to_submitted() {
        String id = inReviewClaim();
        Instant respondBy = now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        send(Topics.REVIEWS, new PartnerActionRequested(UUID.randomUUID(), now(), id, REVIEWER,
                List.of(PartnerActionReason.MISSING_CUSTOMER_ACKNOWLEDGEMENT), "Please add the signed PoE",
                List.of("EXCHANGE_ONLINE"), respondBy));
        awaitStatus(id, "PARTNER_ACTION_REQUIRED");
        assertThat(claims.get(id).get("deadlines").get("partnerResponseDueAt").asString()).isEqualTo(respondBy.toString());
        assertThat(probe.await(statusChange(id, "IN_REVIEW", "PARTNER_ACTION_REQUIRED"), WAIT).value())
                .contains("MISSING_CUSTOMER_ACKNOWLEDGEMENT", "Please add the signed PoE");
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id + "/history").json().toString())
                .contains("\"productsToRemove\":[\"EXCHANGE_ONLINE\"]");

        api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "signed.png", ClaimFixtures.png()).expect(201);
        api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of("products", List.of(Map.of("code", "TEAMS"))))
                .expect(200);
        JsonNode resubmitted = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/submit", null).expect(200).json();
        assertThat(resubmitted.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(resubmitted.get("deadlines").get("partnerResponseDueAt").isNull()).isTrue();
        assertThat(resubmitted.get("requestedChanges").isNull()).as("the request was answered").isTrue();
        probe.await(typed("claim.resubmitted", id), WAIT);
        probe.await(statusChange(id, "PARTNER_ACTION_REQUIRED", "SUBMITTED"), WAIT);
    }

    @Test
    void products_the_reviewer_asks_to_remove_are_on_the_claim_and_a_resubmission_still_claiming_them_is_refused() {
        String id = inReviewClaim();
        send(Topics.REVIEWS, new PartnerActionRequested(UUID.randomUUID(), now(), id, REVIEWER,
                List.of(PartnerActionReason.MISSING_PRODUCTS), "Exchange Online is not on the PoE",
                List.of("EXCHANGE_ONLINE"), now().plus(Duration.ofDays(7))));
        awaitStatus(id, "PARTNER_ACTION_REQUIRED");
        JsonNode requested = claims.get(id).get("requestedChanges");
        assertThat(requested.get("productsToRemove").toString()).isEqualTo("[\"EXCHANGE_ONLINE\"]");
        assertThat(requested.get("reasons").toString()).isEqualTo("[\"MISSING_PRODUCTS\"]");
        assertThat(requested.get("comment").asString()).isEqualTo("Exchange Online is not on the PoE");
        assertThat(probe.await(statusChange(id, "IN_REVIEW", "PARTNER_ACTION_REQUIRED"), WAIT).value())
                .as("the snapshot carries the request to the partner's e-mail")
                .contains("\"requestedChanges\":{", "\"productsToRemove\":[\"EXCHANGE_ONLINE\"]");

        JsonNode refused = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/submit", null).expect(409).json();
        assertThat(refused.get("type").asString()).isEqualTo("urn:cpor:problem:products-to-remove");
        assertThat(refused.get("products").toString()).isEqualTo("[\"EXCHANGE_ONLINE\"]");
        assertThat(refused.get("detail").asString()).contains("EXCHANGE_ONLINE");
        assertThat(claims.status(id)).isEqualTo("PARTNER_ACTION_REQUIRED");

        api.as(DevUser.PARTNER_ADMIN).patch("/api/v1/claims/" + id, Map.of("products", List.of(Map.of("code", "TEAMS"))))
                .expect(200);
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/submit", null).expect(200).json()
                .get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void no_partner_response_rejects_the_claim_with_a_dispute_deadline() {
        String id = inReviewClaim();
        send(Topics.REVIEWS, new PartnerActionRequested(UUID.randomUUID(), now(), id, REVIEWER,
                List.of(PartnerActionReason.MISSING_ALL_POE), "No PoE", List.of(), now().plus(Duration.ofDays(7))));
        awaitStatus(id, "PARTNER_ACTION_REQUIRED");
        send(Topics.REVIEWS, new ReviewRejected(UUID.randomUUID(), now(), id, Actor.system("review-service"),
                RejectionReason.NO_PARTNER_RESPONSE, null));
        awaitStatus(id, "REJECTED");
        JsonNode claim = claims.get(id);
        assertThat(claim.get("rejection").get("reason").asString()).isEqualTo("NO_PARTNER_RESPONSE");
        assertThat(Instant.parse(claim.get("deadlines").get("disputeUntil").asString()))
                .isAfter(now().plus(Duration.ofDays(29)));
    }

    @Test
    void rejection_disputed_and_overturned_approves_the_claim() {
        String id = rejectedClaim();
        JsonNode disputed = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute",
                Map.of("justification", "The customer signed the PoE on page 2")).expect(200).json();
        assertThat(disputed.get("status").asString()).isEqualTo("DISPUTED");
        assertThat(probe.await(typed("claim.disputed", id), WAIT).value()).contains("signed the PoE on page 2");
        probe.await(statusChange(id, "REJECTED", "DISPUTED"), WAIT);

        send(Topics.REVIEWS, new DisputeDecided(UUID.randomUUID(), now(), id, REVIEWER, DisputeDecided.Outcome.OVERTURN, "Agreed"));
        awaitStatus(id, "APPROVED");
        assertThat(claims.get(id).get("rejection").isNull()).isTrue();
        probe.await(statusChange(id, "DISPUTED", "APPROVED"), WAIT);
    }

    @Test
    void an_overturn_while_another_partners_claim_holds_the_workload_is_refused_and_both_are_flagged_competing() {
        String tenant = UUID.randomUUID().toString();
        String disputedId = rejectedClaim(ClaimFixtures.microsoft365Claim(tenant));
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + disputedId + "/dispute",
                Map.of("justification", "The customer signed the PoE on page 2")).expect(200);
        // meanwhile another partner claimed TEAMS of the same tenant and was approved
        Map<String, Object> other = new java.util.HashMap<>(ClaimFixtures.microsoft365Claim(tenant));
        other.put("partnerId", "7654321");
        other.put("products", List.of(Map.of("code", "TEAMS")));
        String holder = api.as(DevUser.OTHER_PARTNER_ADMIN).post("/api/v1/claims", other).expect(201).json().get("id").asString();
        api.as(DevUser.OTHER_PARTNER_ADMIN).upload("/api/v1/claims/" + holder + "/documents", "poe.pdf", ClaimFixtures.pdf()).expect(201);
        api.as(DevUser.OTHER_PARTNER_ADMIN).post("/api/v1/claims/" + holder + "/submit", null).expect(200);
        assertThat(asReviewer(holder).get("competingClaimIds").isEmpty()).as("a disputed claim is not active").isTrue();
        send(Topics.REVIEWS, new ReviewStarted(UUID.randomUUID(), now(), holder, REVIEWER, now().plus(Duration.ofDays(7))));
        await().atMost(WAIT).until(() -> "IN_REVIEW".equals(asReviewer(holder).get("status").asString()));
        send(Topics.REVIEWS, new ReviewApproved(UUID.randomUUID(), now(), holder, REVIEWER, null));
        await().atMost(WAIT).until(() -> "APPROVED".equals(asReviewer(holder).get("status").asString()));

        DisputeDecided overturn = new DisputeDecided(UUID.randomUUID(), now(), disputedId, REVIEWER,
                DisputeDecided.Outcome.OVERTURN, "Agreed");
        send(Topics.REVIEWS, overturn);

        ConsumerRecord<String, String> refused = probe.await(typed("claim.outcome-refused", disputedId), WAIT);
        assertThat(refused.value()).contains(overturn.eventId().toString(), "\"currentStatus\":\"DISPUTED\"",
                "another partner's active claim holds TEAMS");
        assertThat(refused.value()).doesNotContain(holder);
        JsonNode claim = asReviewer(disputedId);
        assertThat(claim.get("status").asString()).isEqualTo("DISPUTED");
        assertThat(claim.get("approvedAt").isNull()).isTrue();
        assertThat(claim.get("competingClaimIds").toString()).isEqualTo("[\"" + holder + "\"]");
        assertThat(asReviewer(holder).get("competingClaimIds").toString()).isEqualTo("[\"" + disputedId + "\"]");
        assertThat(asReviewer(holder).get("status").asString()).isEqualTo("APPROVED");
        probe.await(typed("claim.competing-detected", disputedId), WAIT);
        probe.await(typed("claim.competing-detected", holder), WAIT);
        assertThat(probe.drain(Duration.ofMillis(500)).stream().filter(statusChange(disputedId, "DISPUTED", "APPROVED")))
                .isEmpty();

        // the holder withdraws: the workload is free, and the dispute can be overturned
        api.as(DevUser.OTHER_PARTNER_ADMIN).post("/api/v1/claims/" + holder + "/withdraw", Map.of("reason", "NO_LONGER_WORKING_WITH_CUSTOMER"))
                .expect(200);
        send(Topics.REVIEWS, new DisputeDecided(UUID.randomUUID(), now(), disputedId, REVIEWER,
                DisputeDecided.Outcome.OVERTURN, "Agreed"));
        awaitStatus(disputedId, "APPROVED");
    }

    @Test
    void the_claim_shows_the_dispute_review_due_time_and_the_decision_target_from_queued_reviews() {
        String id = claims.submitted(ClaimFixtures.microsoft365Claim());
        Instant reviewStartDue = now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        Instant target = now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.SECONDS);
        send(Topics.REVIEWS, new ReviewQueued(UUID.randomUUID(), now(), id, reviewStartDue, null, target));
        awaitClaim(id, claim -> assertThat(claim.at("/deadlines/decisionTargetDueAt").asString()).isEqualTo(target.toString()));
        send(Topics.REVIEWS, new ReviewStarted(UUID.randomUUID(), now(), id, REVIEWER, now().plus(Duration.ofDays(7))));
        awaitStatus(id, "IN_REVIEW");
        send(Topics.REVIEWS, new PartnerActionRequested(UUID.randomUUID(), now(), id, REVIEWER,
                List.of(PartnerActionReason.MISSING_ALL_POE), "Nothing attached", List.of(), now().plus(Duration.ofDays(7))));
        awaitStatus(id, "PARTNER_ACTION_REQUIRED");
        assertThat(claims.get(id).at("/deadlines/decisionTargetDueAt").isNull()).as("paused").isTrue();

        String disputed = rejectedClaim(ClaimFixtures.microsoft365Claim());
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + disputed + "/dispute", Map.of("justification", "Look again"))
                .expect(200);
        Instant disputeDue = now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        send(Topics.REVIEWS, new ReviewQueued(UUID.randomUUID(), now(), disputed, null, disputeDue, null));
        awaitClaim(disputed, claim -> assertThat(claim.at("/deadlines/disputeReviewDueAt").asString())
                .isEqualTo(disputeDue.toString()));
    }

    @Test
    void an_approval_despite_a_contact_domain_warning_keeps_the_reviewers_reason_in_the_history() {
        String id = inReviewClaim();
        send(Topics.REVIEWS, new ReviewApproved(UUID.randomUUID(), now(), id, REVIEWER, "PoE complete",
                "Billing subsidiary of Contoso"));
        awaitStatus(id, "APPROVED");
        JsonNode approval = api.as(DevUser.REVIEWER).get("/api/v1/claims/" + id + "/history?size=100").expect(200).json()
                .get("items").valueStream().filter(e -> "APPROVED".equals(e.at("/details/to").asString()))
                .findFirst().orElseThrow();
        assertThat(approval.at("/details/contactDomainReason").asString()).isEqualTo("Billing subsidiary of Contoso");
    }

    @Test
    void a_reassignment_is_recorded_in_the_claims_history() {
        String id = inReviewClaim();
        Actor lead = new Actor("review-lead", "Lena Lead", null, Actor.ActorKind.REVIEWER);
        Actor ivan = new Actor("reviewer-2", "Ivan Petrov", "ivan@reviews.example", Actor.ActorKind.REVIEWER);
        send(Topics.REVIEWS, new ReviewReassigned(UUID.randomUUID(), now(), id, REVIEWER, ivan, lead));
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.as(DevUser.REVIEWER).get(
                "/api/v1/claims/" + id + "/history?size=100").expect(200).json().get("items").valueStream()
                .map(e -> e.get("kind").asString()).toList()).contains("REVIEW_REASSIGNED"));
    }

    @Test
    void upheld_dispute_makes_the_rejection_final() {
        String id = rejectedClaim();
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute", Map.of("justification", "Please look again"))
                .expect(200);
        probe.await(statusChange(id, "REJECTED", "DISPUTED"), WAIT);
        send(Topics.REVIEWS, new DisputeDecided(UUID.randomUUID(), now(), id, REVIEWER, DisputeDecided.Outcome.UPHOLD,
                "The PoE still names no workload"));
        awaitClaim(id, claim -> assertThat(claim.get("rejection").get("final").asBoolean()).isTrue());
        JsonNode claim = claims.get(id);
        assertThat(claim.get("status").asString()).isEqualTo("REJECTED");
        assertThat(claim.get("rejection").get("reason").asString()).isEqualTo("INSUFFICIENT_POE");
        assertThat(claim.get("allowedActions").toString()).doesNotContain("dispute");
        assertThat(claim.get("deadlines").get("disputeUntil").isNull()).isTrue();

        // the partner's mail and the review's completion follow this event: upheld, final, with the reviewer's word
        ConsumerRecord<String, String> upheld = probe.await(statusChange(id, "DISPUTED", "REJECTED"), WAIT);
        assertThat(upheld.value()).contains("\"reasonCodes\":[\"UPHOLD\",\"INSUFFICIENT_POE\"]",
                "The PoE still names no workload", "\"finalDecision\":true");
        assertThat(probe.drain(Duration.ofMillis(500))).filteredOn(statusChange(id, "DISPUTED", "APPROVED")).isEmpty();
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute",
                Map.of("justification", "Once more")).status()).isEqualTo(409);
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id + "/history").expect(200).json().toString())
                .contains("UPHOLD");
    }

    @Test
    void approval_arriving_after_withdrawal_is_refused_recorded_and_announced() {
        String id = inReviewClaim();
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/withdraw", Map.of("reason", "WRONG_PARTNER_ID")).expect(200);
        probe.await(typed("claim.withdrawn", id), WAIT);
        ReviewApproved late = new ReviewApproved(UUID.randomUUID(), now(), id, REVIEWER, "approved too late");
        send(Topics.REVIEWS, late);

        ConsumerRecord<String, String> refused = probe.await(typed("claim.outcome-refused", id), WAIT);
        assertThat(refused.value()).contains(late.eventId().toString(), "\"currentStatus\":\"REJECTED\"");
        JsonNode claim = claims.get(id);
        assertThat(claim.get("status").asString()).isEqualTo("REJECTED");
        assertThat(claim.get("rejection").get("reason").asString()).isEqualTo("PARTNER_REQUEST");
        assertThat(api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id + "/history").expect(200).json().toString())
                .contains("OUTCOME_REFUSED", "review.approved");
    }

    @Test
    void a_redelivered_outcome_is_applied_once_and_a_repeated_one_is_refused() {
        String id = inReviewClaim();
        ReviewApproved approval = new ReviewApproved(UUID.randomUUID(), now(), id, REVIEWER, "ok");
        send(Topics.REVIEWS, approval);
        send(Topics.REVIEWS, approval);
        send(Topics.REVIEWS, new ReviewApproved(UUID.randomUUID(), now(), id, REVIEWER, "again"));
        probe.await(typed("claim.outcome-refused", id), WAIT);
        List<ConsumerRecord<String, String>> seen = probe.drain(Duration.ofMillis(500));
        assertThat(seen.stream().filter(statusChange(id, "IN_REVIEW", "APPROVED"))).hasSize(1);
        assertThat(seen.stream().filter(typed("claim.outcome-refused", id))).hasSize(1);
    }

    @Test
    void sla_breach_is_recorded_in_history_without_a_status_change() {
        String id = claims.submitted(ClaimFixtures.microsoft365Claim());
        send(Topics.REVIEWS, new ReviewSlaBreached(UUID.randomUUID(), now(), id, ReviewSlaBreached.Stage.REVIEW_START,
                now(), null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.as(DevUser.PARTNER_ADMIN).get(
                "/api/v1/claims/" + id + "/history").json().toString()).contains("REVIEW_SLA_BREACHED"));
        assertThat(claims.status(id)).isEqualTo("SUBMITTED");
    }

    @Test
    void an_outcome_for_an_unknown_claim_goes_to_the_dead_letter_topic() {
        String id = "c-" + UUID.randomUUID();
        send(Topics.REVIEWS, new ReviewApproved(UUID.randomUUID(), now(), id, REVIEWER, "who?"));
        assertThat(probe.await(r -> id.equals(r.key()) && r.topic().equals("cpor.reviews.v1-dlt"), WAIT)).isNotNull();
    }

    @Test
    void withdrawing_after_evaluation_revokes_the_association_downstream() {
        String id = approvedClaim();
        send(Topics.CONSENTS, new ConsentWindowElapsed(UUID.randomUUID(), now(), id, "consent-3", now()));
        awaitClaim(id, claim -> assertThat(claim.get("eligibility").get("sentAt").isNull()).isFalse());
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/withdraw",
                Map.of("reason", "NO_LONGER_WORKING_WITH_CUSTOMER")).expect(200);
        ConsumerRecord<String, String> revoked = probe.await(typed("association.revoked", id), WAIT);
        assertThat(revoked.topic()).isEqualTo(Topics.INCENTIVE_EVALUATION);
        assertThat(revoked.value()).contains("\"reasonCode\":\"NO_LONGER_WORKING_WITH_CUSTOMER\"",
                "\"partnerId\":\"1234567\"");
    }

    @Test
    void a_decline_after_the_window_closed_is_refused() {
        String id = approvedClaim();
        send(Topics.CONSENTS, new ConsentWindowElapsed(UUID.randomUUID(), now(), id, "consent-4", now()));
        awaitClaim(id, claim -> assertThat(claim.get("eligibility").get("sentAt").isNull()).isFalse());
        send(Topics.CONSENTS, new ConsentDeclined(UUID.randomUUID(), now(), id, "consent-4", null));
        assertThat(probe.await(typed("claim.outcome-refused", id), WAIT).value()).contains("consent.declined");
        assertThat(claims.status(id)).isEqualTo("APPROVED");
    }

    @Test
    void dispute_after_the_window_is_refused_telling_the_partner_to_submit_a_new_claim() {
        String id = rejectedClaim();
        clock.advance(Duration.ofDays(31));
        JsonNode problem = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute",
                Map.of("justification", "Too late?")).expect(409).json();
        assertThat(problem.get("detail").asString()).contains("submit a new claim");
        assertThat(problem.get("currentStatus").asString()).isEqualTo("REJECTED");
        assertThat(problem.get("allowedActions").toString()).isEqualTo("[\"comment\"]");
    }

    @Test
    void a_dispute_needs_a_justification_or_documents_of_the_claim_and_is_allowed_once() {
        String id = rejectedClaim();
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute", Map.of()).expect(400).json()
                .get("errors").get(0).get("field").asString()).isEqualTo("justification");
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute",
                Map.of("documentIds", List.of("d-unknown"))).expect(400).json()
                .get("errors").get(0).get("field").asString()).isEqualTo("documentIds[0]");

        String updated = api.as(DevUser.PARTNER_ADMIN).upload("/api/v1/claims/" + id + "/documents", "signed-poe.pdf", ClaimFixtures.pdf()).expect(201).json()
                .get("id").asString();
        JsonNode disputed = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute",
                Map.of("documentIds", List.of(updated))).expect(200).json();
        assertThat(disputed.get("disputeCount").asInt()).isEqualTo(1);
        assertThat(probe.await(typed("claim.disputed", id), WAIT).value()).contains(updated);

        JsonNode again = api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute",
                Map.of("justification", "again")).expect(409).json();
        assertThat(again.get("currentStatus").asString()).isEqualTo("DISPUTED");
    }

    @Test
    void a_withdrawn_claim_cannot_be_disputed() {
        String id = claims.submitted(ClaimFixtures.microsoft365Claim());
        api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/withdraw", Map.of("reason", "WRONG_ACTIVITY")).expect(200);
        assertThat(api.as(DevUser.PARTNER_ADMIN).post("/api/v1/claims/" + id + "/dispute", Map.of("justification", "oops"))
                .expect(409).json().get("detail").asString()).contains("PARTNER_REQUEST");
    }

    // ---- helpers

    private String inReviewClaim() {
        return inReviewClaim(ClaimFixtures.microsoft365Claim());
    }

    private String inReviewClaim(Map<String, Object> body) {
        String id = claims.submitted(body);
        send(Topics.REVIEWS, new ReviewStarted(UUID.randomUUID(), now(), id, REVIEWER, now().plus(Duration.ofDays(7))));
        awaitStatus(id, "IN_REVIEW");
        return id;
    }

    private String approvedClaim() {
        String id = inReviewClaim();
        send(Topics.REVIEWS, new ReviewApproved(UUID.randomUUID(), now(), id, REVIEWER, null));
        awaitStatus(id, "APPROVED");
        return id;
    }

    private String rejectedClaim() {
        return rejectedClaim(ClaimFixtures.microsoft365Claim());
    }

    private String rejectedClaim(Map<String, Object> body) {
        String id = inReviewClaim(body);
        send(Topics.REVIEWS, new ReviewRejected(UUID.randomUUID(), now(), id, REVIEWER, RejectionReason.INSUFFICIENT_POE,
                "PoE not signed"));
        awaitStatus(id, "REJECTED");
        return id;
    }

    private JsonNode asReviewer(String id) {
        return api.as(DevUser.REVIEWER).get("/api/v1/claims/" + id).expect(200).json();
    }

    private Instant now() {
        return clock.instant();
    }

    private static void send(String topic, CporEvent event) {
        probe.send(topic, event.claimId(), EventJson.write(event), Map.of());
    }

    private void awaitStatus(String id, String status) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(claims.status(id)).isEqualTo(status));
    }

    private void awaitClaim(String id, java.util.function.Consumer<JsonNode> assertion) {
        await().atMost(WAIT).untilAsserted(() -> assertion.accept(claims.get(id)));
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> statusChange(String id, String from, String to) {
        return typed("claim.status-changed", id).and(r -> r.value().contains("\"fromStatus\":\"" + from + "\"")
                && r.value().contains("\"toStatus\":\"" + to + "\""));
    }
}
