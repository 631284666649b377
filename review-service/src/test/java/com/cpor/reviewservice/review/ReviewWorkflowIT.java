package com.cpor.reviewservice.review;

import com.cpor.apiclient.ApiResponse;
import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.claims.ClaimSubmitted;
import com.cpor.events.reviews.DisputeDecided;
import com.cpor.events.reviews.PartnerActionRequested;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.events.reviews.ReviewReassigned;
import com.cpor.events.reviews.ReviewRejected;
import com.cpor.events.reviews.ReviewStarted;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.timers.DurableTimers;
import com.cpor.reviewservice.ReviewServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.cpor.devinfra.DevUser.OTHER_PARTNER_ADMIN;
import static com.cpor.devinfra.DevUser.PARTNER_ADMIN;
import static com.cpor.devinfra.DevUser.REVIEWER;
import static com.cpor.devinfra.DevUser.REVIEW_LEAD;
import static com.cpor.devinfra.DevUser.SECOND_REVIEWER;
import static com.cpor.reviewservice.ClaimEvents.comment;
import static com.cpor.reviewservice.ClaimEvents.disputed;
import static com.cpor.reviewservice.ClaimEvents.newClaimId;
import static com.cpor.reviewservice.ClaimEvents.outcomeRefused;
import static com.cpor.reviewservice.ClaimEvents.resubmitted;
import static com.cpor.reviewservice.ClaimEvents.statusChanged;
import static com.cpor.reviewservice.ClaimEvents.submitted;
import static com.cpor.reviewservice.ClaimEvents.submittedWithContact;
import static com.cpor.reviewservice.ClaimEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReviewWorkflowIT extends ReviewServiceTestBase {

    @Autowired
    BusinessCalendar calendar;
    @Autowired
    DurableTimers timers;

    @Test
    void submitted_claim_is_queued_with_a_review_start_deadline_in_business_days() {
        String claimId = newClaimId();
        Instant submittedAt = clock.instant();
        feed(submitted(claimId, submittedAt));

        ReviewQueued queued = published(ReviewQueued.class, claimId);
        assertThat(queued.reviewStartDueAt()).isEqualTo(calendar.plusBusinessDays(submittedAt, 5));

        ApiResponse review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.json().at("/review/status").asString()).isEqualTo("QUEUED");
        assertThat(review.json().at("/review/allowedActions/0").asString()).isEqualTo("start");
        assertThat(review.json().at("/review/overdue").asBoolean()).isFalse();
        assertThat(review.json().at("/review/claim/customer/tenantId").asString())
                .isEqualTo("6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10");
        assertThat(Instant.parse(review.json().at("/review/deadlines/reviewStartDueAt").asString()))
                .isEqualTo(queued.reviewStartDueAt());
        assertThat(timers.stateOf("review-start-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.PENDING);
    }

    @Test
    void redelivered_submission_queues_the_claim_once() {
        String claimId = newClaimId();
        ClaimSubmitted submission = submitted(claimId, clock.instant());
        feed(submission);
        feed(submission);

        published(ReviewQueued.class, claimId);
        assertThat(allPublished(ReviewQueued.class, claimId, Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void starting_assigns_the_reviewer_and_publishes_the_decision_deadline() {
        String claimId = queuedClaim();

        Instant startedAt = clock.instant();
        ApiResponse started = api.as(REVIEWER).post(path(claimId, "start"), null);

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().at("/status").asString()).isEqualTo("IN_REVIEW");
        assertThat(started.json().at("/assignedReviewer/id").asString()).isEqualTo("reviewer");
        ReviewStarted event = published(ReviewStarted.class, claimId);
        assertThat(event.reviewer().id()).isEqualTo("reviewer");
        assertThat(event.reviewer().kind()).isEqualTo(Actor.ActorKind.REVIEWER);
        assertThat(event.decisionDueAt()).isEqualTo(calendar.plusBusinessDays(startedAt, 5));
        assertThat(timers.stateOf("review-start-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.CANCELLED);
        assertThat(timers.stateOf("review-decision-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.PENDING);
    }

    @Test
    void every_answer_with_the_review_carries_its_version_as_etag_and_a_decision_honours_if_match() {
        String claimId = queuedClaim();
        ApiResponse read = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(read.etag()).isEqualTo("\"" + read.json().at("/review/version").asLong() + "\"");

        ApiResponse started = api.as(REVIEWER).post(path(claimId, "start"), null, Map.of("If-Match", read.etag()));
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.etag()).isEqualTo("\"" + started.json().at("/version").asLong() + "\"")
                .isNotEqualTo(read.etag());
        published(ReviewStarted.class, claimId);

        ApiResponse stale = api.as(REVIEWER).post(path(claimId, "approve"), "{}", Map.of("If-Match", read.etag()));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.text("type")).isEqualTo("urn:cpor:problem:stale-version");
        assertThat(stale.text("currentETag")).isEqualTo(started.etag());
        assertThat(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/status").asString())
                .isEqualTo("IN_REVIEW");

        ApiResponse approved = api.as(REVIEWER).post(path(claimId, "approve"), "{}", Map.of("If-Match", started.etag()));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.etag()).isEqualTo("\"" + approved.json().at("/version").asLong() + "\"");
    }

    @Test
    void approving_publishes_review_approved_and_a_second_decision_is_refused_with_409() {
        String claimId = startedClaim();

        ApiResponse approved = api.as(REVIEWER).post(path(claimId, "approve"), "{\"comment\":\"PoE is complete\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().at("/status").asString()).isEqualTo("DECIDED");
        ReviewApproved event = published(ReviewApproved.class, claimId);
        assertThat(event.comment()).isEqualTo("PoE is complete");
        assertThat(event.reviewer().id()).isEqualTo("reviewer");

        ApiResponse again = api.as(REVIEWER).post(path(claimId, "reject"), "{\"reason\":\"INSUFFICIENT_POE\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.text("type")).isEqualTo("urn:cpor:problem:invalid-state");
        assertThat(again.text("currentStatus")).isEqualTo("DECIDED");
        assertThat(again.json().path("allowedActions").isEmpty()).isTrue();
    }

    @Test
    void deciding_before_the_review_started_is_refused_naming_the_allowed_action() {
        String claimId = queuedClaim();

        ApiResponse response = api.as(REVIEWER).post(path(claimId, "approve"), "{}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("currentStatus")).isEqualTo("QUEUED");
        assertThat(response.text("claimStatus")).isEqualTo("SUBMITTED");
        assertThat(response.json().path("allowedActions").get(0).asString()).isEqualTo("start");
        assertThat(api.as(REVIEWER).post(path(claimId, "dispute-decision"), "{\"outcome\":\"UPHOLD\"}").status())
                .isEqualTo(409);
    }

    @Test
    void rejecting_needs_a_reviewer_reason() {
        String claimId = startedClaim();

        ApiResponse systemReason = api.as(REVIEWER).post(path(claimId, "reject"), "{\"reason\":\"NO_PARTNER_RESPONSE\"}");
        assertThat(systemReason.status()).isEqualTo(400);
        assertThat(systemReason.json().at("/errors/0/field").asString()).isEqualTo("reason");
        ApiResponse missing = api.as(REVIEWER).post(path(claimId, "reject"), "{\"comment\":\"no\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/errors/0/field").asString()).isEqualTo("reason");
        assertThat(api.as(REVIEWER).post(path(claimId, "reject"), "{\"reason\":\"NOT_A_REASON\"}").status()).isEqualTo(400);

        ApiResponse rejected = api.as(REVIEWER).post(path(claimId, "reject"),
                "{\"reason\":\"MISSING_CUSTOMER_CONSENT_ON_POE\",\"comment\":\"No customer signature\"}");
        assertThat(rejected.status()).isEqualTo(200);
        ReviewRejected event = published(ReviewRejected.class, claimId);
        assertThat(event.reason()).isEqualTo(RejectionReason.MISSING_CUSTOMER_CONSENT_ON_POE);
        assertThat(event.comment()).isEqualTo("No customer signature");
    }

    @Test
    void partner_action_request_needs_reasons_and_a_comment_and_publishes_the_respond_by_deadline() {
        String claimId = startedClaim();

        assertThat(api.as(REVIEWER).post(path(claimId, "request-partner-action"),
                "{\"reasons\":[],\"comment\":\"Please add dates\"}").json().at("/errors/0/field").asString())
                .isEqualTo("reasons");
        assertThat(api.as(REVIEWER).post(path(claimId, "request-partner-action"),
                "{\"reasons\":[\"MISSING_OR_OUTDATED_DATES\"]}").json().at("/errors/0/field").asString())
                .isEqualTo("comment");
        assertThat(api.as(REVIEWER).post(path(claimId, "request-partner-action"),
                "{\"reasons\":[\"MISSING_PRODUCTS\"],\"comment\":\"x\",\"productsToRemove\":[\"VIVA\"]}")
                .json().at("/errors/0/field").asString()).isEqualTo("productsToRemove");

        Instant requestedAt = clock.instant();
        ApiResponse requested = api.as(REVIEWER).post(path(claimId, "request-partner-action"), """
                {"reasons":["MISSING_OR_OUTDATED_DATES","MISSING_CUSTOMER_ACKNOWLEDGEMENT"],
                 "comment":"Please upload a signed and dated PoE","productsToRemove":["TEAMS"]}""");

        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.json().at("/status").asString()).isEqualTo("AWAITING_PARTNER");
        PartnerActionRequested event = published(PartnerActionRequested.class, claimId);
        assertThat(event.reasons()).containsExactly(PartnerActionReason.MISSING_OR_OUTDATED_DATES,
                PartnerActionReason.MISSING_CUSTOMER_ACKNOWLEDGEMENT);
        assertThat(event.comment()).isEqualTo("Please upload a signed and dated PoE");
        assertThat(event.productsToRemove()).containsExactly("TEAMS");
        assertThat(event.respondBy()).isEqualTo(calendar.plusBusinessDays(requestedAt, 5));
        assertThat(timers.stateOf("partner-response-expiry:" + claimId + ":1")).contains(DurableTimers.TimerState.PENDING);
        assertThat(timers.stateOf("partner-response-reminder:" + claimId + ":1")).contains(DurableTimers.TimerState.PENDING);
    }

    @Test
    void resubmission_returns_the_review_to_the_same_reviewer() {
        String claimId = startedClaim();
        api.as(REVIEWER).post(path(claimId, "request-partner-action"),
                "{\"reasons\":[\"MISSING_ALL_POE\"],\"comment\":\"Nothing attached\"}");
        published(PartnerActionRequested.class, claimId);

        feed(resubmitted(claimId, clock.instant()));

        await().atMost(WAIT).until(() -> "QUEUED".equals(reviewStatus(claimId)));
        ApiResponse review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(review.json().at("/review/assignedReviewer/id").asString()).isEqualTo("reviewer");
        assertThat(review.json().at("/review/round").asInt()).isEqualTo(2);
        assertThat(timers.stateOf("partner-response-expiry:" + claimId + ":1")).contains(DurableTimers.TimerState.CANCELLED);
        assertThat(allPublished(ReviewQueued.class, claimId, Duration.ofSeconds(1))).hasSize(2);

        assertThat(api.as(SECOND_REVIEWER).post(path(claimId, "start"), null).text("type"))
                .isEqualTo("urn:cpor:problem:review-assigned-elsewhere");
        assertThat(api.as(REVIEWER).post(path(claimId, "start"), null).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> allPublished(ReviewStarted.class, claimId, Duration.ofMillis(300)).size() == 2);
    }

    @Test
    void another_reviewer_cannot_decide_an_assigned_review_but_the_review_lead_can() {
        String claimId = startedClaim();

        ApiResponse other = api.as(SECOND_REVIEWER).post(path(claimId, "approve"), "{}");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.text("type")).isEqualTo("urn:cpor:problem:review-assigned-elsewhere");

        assertThat(api.as(REVIEW_LEAD).post(path(claimId, "approve"), "{}").status()).isEqualTo(200);
        assertThat(published(ReviewApproved.class, claimId).reviewer().id()).isEqualTo("review-lead");
    }

    @Test
    void only_review_leads_reassign() {
        String claimId = startedClaim();
        String body = "{\"reviewerId\":\"reviewer-2\",\"reviewerName\":\"Ivan Petrov\",\"reviewerEmail\":\"ivan@reviews.example\"}";

        String before = reviewFile(claimId);
        assertThat(api.as(REVIEWER).post(path(claimId, "reassign"), body).status()).isEqualTo(403);
        assertThat(reviewFile(claimId)).as("a refused reassignment changes nothing").isEqualTo(before);
        ApiResponse reassigned = api.as(REVIEW_LEAD).post(path(claimId, "reassign"), body);

        assertThat(reassigned.status()).isEqualTo(200);
        assertThat(reassigned.json().at("/assignedReviewer/id").asString()).isEqualTo("reviewer-2");
        assertThat(api.as(REVIEWER).post(path(claimId, "approve"), "{}").status()).isEqualTo(409);
        ReviewReassigned announced = published(ReviewReassigned.class, claimId);
        assertThat(announced.previousReviewer().id()).isEqualTo("reviewer");
        assertThat(announced.reviewer().email()).isEqualTo("ivan@reviews.example");
        assertThat(announced.reassignedBy().id()).isEqualTo("review-lead");
        assertThat(api.as(SECOND_REVIEWER).post(path(claimId, "approve"), "{}").status()).isEqualTo(200);
    }

    @Test
    void partners_and_anonymous_callers_cannot_use_the_review_api() {
        String claimId = queuedClaim();
        String before = reviewFile(claimId);

        assertThat(api.as(PARTNER_ADMIN).get("/api/v1/reviews").status()).isEqualTo(403);
        assertThat(api.as(OTHER_PARTNER_ADMIN).post(path(claimId, "start"), null).status()).isEqualTo(403);
        assertThat(api.as(PARTNER_ADMIN).post(path(claimId, "start"), null).status()).isEqualTo(403);
        assertThat(api.as(null).post(path(claimId, "start"), null).status()).isEqualTo(401);
        ApiResponse anonymous = api.as(null).get("/api/v1/reviews/" + claimId);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(reviewFile(claimId)).as("refused calls change nothing").isEqualTo(before);
        assertThat(allPublished(ReviewStarted.class, claimId, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void unknown_claim_is_404() {
        ApiResponse response = api.as(REVIEWER).get("/api/v1/reviews/" + newClaimId());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("type")).isEqualTo("urn:cpor:problem:not-found");
    }

    @Test
    void withdrawal_closes_the_review_and_cancels_its_timers() {
        String claimId = startedClaim();

        feed(withdrawn(claimId, ClaimStatus.IN_REVIEW, clock.instant()));

        await().atMost(WAIT).until(() -> "CLOSED".equals(reviewStatus(claimId)));
        assertThat(timers.stateOf("review-decision-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.CANCELLED);
        ApiResponse late = api.as(REVIEWER).post(path(claimId, "approve"), "{}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("claimStatus")).isEqualTo("REJECTED");
    }

    @Test
    void rejection_for_partner_request_in_the_status_mirror_closes_the_review() {
        String claimId = queuedClaim();

        feed(statusChanged(claimId, ClaimStatus.SUBMITTED, ClaimStatus.REJECTED, clock.instant(), "PARTNER_REQUEST"));

        await().atMost(WAIT).until(() -> "CLOSED".equals(reviewStatus(claimId)));
        assertThat(timers.stateOf("review-start-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.CANCELLED);
    }

    @Test
    void claim_status_changes_are_mirrored_and_an_applied_approval_completes_the_review() {
        String claimId = startedClaim();
        feed(statusChanged(claimId, ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, clock.instant()));
        await().atMost(WAIT).until(() -> "IN_REVIEW".equals(api.as(REVIEWER).get("/api/v1/reviews/" + claimId)
                .json().at("/review/claimStatus").asString()));

        feed(statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant()));

        await().atMost(WAIT).until(() -> "DECIDED".equals(reviewStatus(claimId)));
        assertThat(timers.stateOf("review-decision-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.CANCELLED);
    }

    @Test
    void a_refused_decision_closes_the_review_instead_of_retrying() {
        String claimId = startedClaim();
        api.as(REVIEWER).post(path(claimId, "approve"), "{}");
        ReviewApproved approval = published(ReviewApproved.class, claimId);

        feed(outcomeRefused(claimId, approval.eventId(), "review.approved", ClaimStatus.REJECTED, clock.instant()));

        await().atMost(WAIT).until(() -> "CLOSED".equals(reviewStatus(claimId)));
        ApiResponse review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(review.json().at("/history").valueStream().map(h -> h.path("action").asString()).toList())
                .containsSubsequence("queued", "started", "approved", "closed");
    }

    @Test
    void disputes_are_decided_with_overturn_or_uphold() {
        String claimId = startedClaim();
        api.as(REVIEWER).post(path(claimId, "reject"), "{\"reason\":\"INSUFFICIENT_POE\"}");
        published(ReviewRejected.class, claimId);
        feed(statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.REJECTED, clock.instant(), "INSUFFICIENT_POE"));

        Instant disputedAt = clock.instant();
        feed(disputed(claimId, disputedAt));
        await().atMost(WAIT).until(() -> "DISPUTE_OPEN".equals(reviewStatus(claimId)));
        ApiResponse review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(Instant.parse(review.json().at("/review/deadlines/disputeReviewDueAt").asString()))
                .isEqualTo(calendar.plusBusinessDays(disputedAt, 5));
        assertThat(review.json().at("/review/allowedActions").valueStream().map(n -> n.asString()).toList())
                .containsExactlyInAnyOrder("dispute-decision", "reassign");

        assertThat(api.as(REVIEWER).post(path(claimId, "dispute-decision"), "{\"outcome\":\"MAYBE\"}").status())
                .isEqualTo(400);
        ApiResponse decided = api.as(REVIEWER).post(path(claimId, "dispute-decision"),
                "{\"outcome\":\"OVERTURN\",\"comment\":\"The signed PoE is valid\"}");

        assertThat(decided.status()).isEqualTo(200);
        DisputeDecided event = published(DisputeDecided.class, claimId);
        assertThat(event.outcome()).isEqualTo(DisputeDecided.Outcome.OVERTURN);
        assertThat(timers.stateOf("dispute-review-sla:" + claimId + ":2")).contains(DurableTimers.TimerState.CANCELLED);
    }

    @Test
    void a_dispute_review_is_announced_with_its_due_time_so_the_claim_shows_it_at_once() {
        String claimId = queuedClaim();
        feed(statusChanged(claimId, ClaimStatus.SUBMITTED, ClaimStatus.REJECTED, clock.instant(), "INSUFFICIENT_POE"));
        Instant disputedAt = clock.instant();

        feed(disputed(claimId, disputedAt));

        ReviewQueued queued = disputeQueued(claimId);
        assertThat(queued.disputeReviewDueAt()).isEqualTo(calendar.plusBusinessDays(disputedAt, 5));
        assertThat(queued.reviewStartDueAt()).isNull();
        assertThat(queued.decisionTargetDueAt()).isNull();
    }

    @Test
    void an_overturn_refused_because_another_claim_holds_the_workload_reopens_the_dispute_beside_it() {
        String claimId = startedClaim();
        api.as(REVIEWER).post(path(claimId, "reject"), "{\"reason\":\"INSUFFICIENT_POE\"}");
        published(ReviewRejected.class, claimId);
        feed(statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.REJECTED, clock.instant(), "INSUFFICIENT_POE"));
        feed(disputed(claimId, clock.instant()));
        await().atMost(WAIT).until(() -> "DISPUTE_OPEN".equals(reviewStatus(claimId)));
        assertThat(api.as(REVIEWER).post(path(claimId, "dispute-decision"), "{\"outcome\":\"OVERTURN\"}").status())
                .isEqualTo(200);
        DisputeDecided overturn = published(DisputeDecided.class, claimId);
        String competitor = newClaimId();

        feed(outcomeRefused(claimId, overturn.eventId(), "review.dispute-decided", ClaimStatus.DISPUTED,
                clock.instant(), "Competing with " + competitor + ", which holds TEAMS of the tenant"));

        await().atMost(WAIT).until(() -> "DISPUTE_OPEN".equals(reviewStatus(claimId)));
        ApiResponse review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(review.json().at("/review/round").asInt()).isEqualTo(3);
        assertThat(review.json().at("/review/allowedActions").valueStream().map(n -> n.asString()).toList())
                .contains("dispute-decision");
        assertThat(review.json().at("/history").valueStream().map(h -> h.path("action").asString()).toList())
                .containsSubsequence("dispute-opened", "dispute-decided", "dispute-reopened");
        assertThat(timers.stateOf("dispute-review-sla:" + claimId + ":3")).contains(DurableTimers.TimerState.PENDING);
        // announced like the first dispute round, with the new due time
        await().atMost(WAIT).until(() -> probe.drain(Duration.ofMillis(200)).stream()
                .filter(EventProbe.typed("review.queued", claimId))
                .filter(r -> !r.value().contains("\"disputeReviewDueAt\":null")).count() == 2);
    }

    @Test
    void an_approval_despite_a_contact_domain_warning_needs_the_reviewers_reason_and_records_it() {
        String claimId = newClaimId();
        feed(submittedWithContact(claimId, clock.instant(), "anna@contoso-billing.example"));
        published(ReviewQueued.class, claimId);
        ApiResponse queued = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(queued.json().at("/review/contactDomainWarning/contactDomain").asString())
                .isEqualTo("contoso-billing.example");
        assertThat(queued.json().at("/review/contactDomainWarning/customerDomains").valueStream().map(n -> n.asString())
                .toList()).containsExactly("contoso.onmicrosoft.com", "contoso.example");
        assertThat(api.as(REVIEWER).post(path(claimId, "start"), null).status()).isEqualTo(200);

        ApiResponse refused = api.as(REVIEWER).post(path(claimId, "approve"), "{\"comment\":\"PoE complete\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().toString()).contains("contactDomainReason");
        assertThat(reviewStatus(claimId)).isEqualTo("IN_REVIEW");

        assertThat(api.as(REVIEWER).post(path(claimId, "approve"), "{\"comment\":\"PoE complete\","
                + "\"contactDomainReason\":\"Billing subsidiary of Contoso, confirmed by phone\"}").status()).isEqualTo(200);
        assertThat(published(ReviewApproved.class, claimId).contactDomainReason())
                .isEqualTo("Billing subsidiary of Contoso, confirmed by phone");
        assertThat(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/history").valueStream()
                .filter(h -> h.path("action").asString().equals("approved")).findFirst().orElseThrow()
                .path("detail").asString()).contains("Billing subsidiary of Contoso, confirmed by phone");
    }

    @Test
    void a_contact_at_a_declared_domain_or_its_subdomain_raises_no_warning() {
        String claimId = newClaimId();
        feed(submittedWithContact(claimId, clock.instant(), "anna@eu.Contoso.example"));
        published(ReviewQueued.class, claimId);
        assertThat(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/contactDomainWarning").isNull())
                .isTrue();
    }

    @Test
    void an_upheld_dispute_is_published_as_upheld_ends_the_dispute_review_and_is_decided_once() {
        String claimId = startedClaim();
        api.as(REVIEWER).post(path(claimId, "reject"), "{\"reason\":\"INSUFFICIENT_POE\"}");
        published(ReviewRejected.class, claimId);
        feed(statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.REJECTED, clock.instant(), "INSUFFICIENT_POE"));
        feed(disputed(claimId, clock.instant()));
        await().atMost(WAIT).until(() -> "DISPUTE_OPEN".equals(reviewStatus(claimId)));

        ApiResponse decided = api.as(REVIEWER).post(path(claimId, "dispute-decision"),
                "{\"outcome\":\"UPHOLD\",\"comment\":\"The PoE still names no workload\"}");

        assertThat(decided.status()).isEqualTo(200);
        DisputeDecided event = published(DisputeDecided.class, claimId);
        assertThat(event.outcome()).isEqualTo(DisputeDecided.Outcome.UPHOLD);
        assertThat(event.comment()).isEqualTo("The PoE still names no workload");
        assertThat(event.reviewer().id()).isEqualTo("reviewer");
        assertThat(timers.stateOf("dispute-review-sla:" + claimId + ":2")).contains(DurableTimers.TimerState.CANCELLED);
        ApiResponse review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(review.json().at("/review/status").asString()).isEqualTo("DECIDED");
        assertThat(review.json().at("/review/allowedActions").isEmpty()).isTrue();
        assertThat(review.json().at("/history").valueStream().map(h -> h.path("action").asString() + " "
                + h.path("detail").asString()).toList()).contains("dispute-decided UPHOLD: The PoE still names no workload");
        assertThat(api.as(REVIEWER).post(path(claimId, "dispute-decision"), "{\"outcome\":\"OVERTURN\"}").status())
                .isEqualTo(409);

        // claim-service makes the rejection final: the review stays decided, nothing more is published for it
        feed(statusChanged(claimId, ClaimStatus.DISPUTED, ClaimStatus.REJECTED, clock.instant(), "UPHOLD",
                "INSUFFICIENT_POE"));
        await().atMost(WAIT).until(() -> "REJECTED".equals(
                api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/claimStatus").asString()));
        assertThat(reviewStatus(claimId)).isEqualTo("DECIDED");
        assertThat(allPublished(DisputeDecided.class, claimId, Duration.ofMillis(500))).hasSize(1);
    }

    @Test
    void the_queue_filters_by_status_deadline_competition_and_assignee_and_sorts_by_due_time() {
        String earlier = newClaimId();
        String competitor = newClaimId();
        feed(submitted(earlier, clock.instant().minus(Duration.ofDays(20))));
        published(ReviewQueued.class, earlier);
        feed(submitted(competitor, clock.instant(), List.of(earlier)));
        published(ReviewQueued.class, competitor);
        String mine = startedClaim();

        List<String> queued = claimIds(api.as(REVIEWER).get("/api/v1/reviews?status=QUEUED&size=200"));
        assertThat(queued).contains(earlier, competitor).doesNotContain(mine);
        assertThat(queued.indexOf(earlier)).isLessThan(queued.indexOf(competitor));

        assertThat(claimIds(api.as(REVIEWER).get("/api/v1/reviews?assignedToMe=true&size=200")))
                .contains(mine).doesNotContain(earlier, competitor);
        assertThat(claimIds(api.as(SECOND_REVIEWER).get("/api/v1/reviews?assignedToMe=true&size=200")))
                .doesNotContain(mine);
        // the list envelope every service's lists share: totals over all pages
        JsonNode all = api.as(REVIEWER).get("/api/v1/reviews?assignedToMe=true&size=200").json();
        JsonNode firstPage = api.as(REVIEWER).get("/api/v1/reviews?assignedToMe=true&size=1").json();
        assertThat(all.get("totalItems").asLong()).isPositive().isEqualTo(all.get("items").size());
        assertThat(firstPage.get("items").size()).isEqualTo(1);
        assertThat(firstPage.get("totalItems").asLong()).isEqualTo(all.get("totalItems").asLong());
        assertThat(firstPage.get("totalPages").asLong()).isEqualTo(all.get("totalItems").asLong());
        assertThat(claimIds(api.as(REVIEWER).get("/api/v1/reviews?competingOnly=true&size=200")))
                .contains(earlier, competitor).doesNotContain(mine);
        String dueBefore = clock.instant().minus(Duration.ofDays(5)).toString();
        assertThat(claimIds(api.as(REVIEWER).get("/api/v1/reviews?dueBefore=" + dueBefore + "&size=200")))
                .contains(earlier).doesNotContain(competitor, mine);
        assertThat(api.as(REVIEWER).get("/api/v1/reviews?size=1000").status()).isEqualTo(400);

        ApiResponse details = api.as(REVIEWER).get("/api/v1/reviews/" + competitor);
        assertThat(details.json().at("/competingClaims/0/claimId").asString()).isEqualTo(earlier);
        assertThat(details.json().at("/competingClaims/0/claim/partnerId").asString()).isEqualTo("1234567");
    }

    @Test
    void claim_comments_are_shown_with_the_review() {
        String claimId = queuedClaim();

        feed(comment(claimId, "The signed PoE is attached now", clock.instant()));

        await().atMost(WAIT).until(() -> api.as(REVIEWER).get("/api/v1/reviews/" + claimId)
                .json().at("/comments/0/text").asString().equals("The signed PoE is attached now"));
    }

    private String queuedClaim() {
        String claimId = newClaimId();
        feed(submitted(claimId, clock.instant()));
        published(ReviewQueued.class, claimId);
        return claimId;
    }

    private String startedClaim() {
        String claimId = queuedClaim();
        assertThat(api.as(REVIEWER).post(path(claimId, "start"), null).status()).isEqualTo(200);
        published(ReviewStarted.class, claimId);
        return claimId;
    }

    private static ReviewQueued disputeQueued(String claimId) {
        var record = probe.await(EventProbe.typed("review.queued", claimId)
                .and(r -> !r.value().contains("\"disputeReviewDueAt\":null")), WAIT);
        return (ReviewQueued) com.cpor.platform.messaging.EventJson.read(com.cpor.events.Topics.REVIEWS,
                record.value().getBytes());
    }

    /** The review as a reviewer reads it (status, assignee, deadlines, history, comments): a refusal leaves it. */
    private String reviewFile(String claimId) {
        ApiResponse review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId);
        assertThat(review.status()).isEqualTo(200);
        return review.json().toString();
    }

    private String reviewStatus(String claimId) {
        return api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/status").asString();
    }

    private static List<String> claimIds(ApiResponse queue) {
        assertThat(queue.status()).isEqualTo(200);
        return queue.json().path("items").valueStream().map(item -> item.path("claimId").asString()).toList();
    }

    private static String path(String claimId, String action) {
        return "/api/v1/reviews/" + claimId + "/" + action;
    }
}
