package com.cpor.reviewservice.review;

import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.RejectionReason;
import com.cpor.events.reviews.DecisionTargetBreached;
import com.cpor.events.reviews.PartnerActionRequested;
import com.cpor.events.reviews.PartnerResponseReminderDue;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.events.reviews.ReviewRejected;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.events.reviews.ReviewStarted;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.testsupport.RealInfrastructureInitializer;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import com.cpor.platform.timers.DurableTimers;
import com.cpor.platform.timers.TimerPoller;
import com.cpor.reviewservice.ReviewServiceApplication;
import com.cpor.reviewservice.ReviewServiceTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static com.cpor.devinfra.DevUser.REVIEWER;
import static com.cpor.reviewservice.ClaimEvents.disputed;
import static com.cpor.reviewservice.ClaimEvents.newClaimId;
import static com.cpor.reviewservice.ClaimEvents.resubmitted;
import static com.cpor.reviewservice.ClaimEvents.statusChanged;
import static com.cpor.reviewservice.ClaimEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deadlines on a controlled clock: each timer fires exactly once, across instances and restarts. */
class ReviewTimersIT extends ReviewServiceTestBase {

    private static final Duration QUIET = Duration.ofSeconds(2);

    @Autowired
    BusinessCalendar calendar;
    @Autowired
    DurableTimers timers;
    @Autowired
    TimerPoller poller;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    @Test
    void review_start_sla_breach_escalates_once_and_changes_nothing() {
        String claimId = queuedClaim();
        ReviewQueued queued = published(ReviewQueued.class, claimId);

        stepToJustBefore(queued.reviewStartDueAt(), claimId, "review-start-sla");
        // the counter is shared with every review of the context: other reviews' breaches in the step are counted apart
        double breachesBefore = breaches("REVIEW_START");
        long recordedBefore = breachesInHistory("REVIEW_START");
        clock.set(queued.reviewStartDueAt().plusSeconds(1));

        ReviewSlaBreached breach = published(ReviewSlaBreached.class, claimId);
        assertThat(breach.stage()).isEqualTo(ReviewSlaBreached.Stage.REVIEW_START);
        assertThat(breach.dueAt()).isEqualTo(queued.reviewStartDueAt());
        await().atMost(WAIT).until(() -> pendingDue("review-start-sla") == 0);
        poller.fireDueTimers(); // a pass after it fired: nothing fires a second time
        assertThat(allPublished(ReviewSlaBreached.class, claimId, QUIET)).hasSize(1);
        assertThat(breaches("REVIEW_START") - breachesBefore).as("one count per breach recorded in the step")
                .isEqualTo(breachesInHistory("REVIEW_START") - recordedBefore);
        assertThat(breachesInHistory(claimId, "REVIEW_START")).isEqualTo(1);
        var review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().path("review");
        assertThat(review.path("status").asString()).isEqualTo("QUEUED");
        assertThat(review.path("overdue").asBoolean()).isTrue();
    }

    private double decisionTargetBreaches() {
        var counter = meters.find("cpor.review.decision.target.breaches").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void breach_counters_exist_for_every_stage_before_any_breach() {
        for (ReviewSlaBreached.Stage stage : ReviewSlaBreached.Stage.values()) {
            assertThat(meters.find("cpor.review.sla.breaches").tag("stage", stage.name()).counter()).isNotNull();
        }
    }

    @Test
    void the_decision_target_escalates_once_just_after_it_passes_never_before_and_changes_nothing() {
        Instant submittedAt = clock.instant();
        String claimId = queuedClaim();
        ReviewQueued queued = published(ReviewQueued.class, claimId);
        assertThat(queued.decisionTargetDueAt()).isEqualTo(calendar.plusBusinessDays(submittedAt, 10));
        api.as(REVIEWER).post("/api/v1/reviews/" + claimId + "/start", null);
        published(ReviewStarted.class, claimId);
        assertThat(Instant.parse(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json()
                .at("/review/deadlines/decisionTargetDueAt").asString())).isEqualTo(queued.decisionTargetDueAt());

        stepToJustBefore(queued.decisionTargetDueAt(), claimId, "decision-target");
        assertThat(allPublished(DecisionTargetBreached.class, claimId, QUIET)).isEmpty();
        // the counter is shared with every review of the context: other reviews' breaches in the step are counted apart
        double before = decisionTargetBreaches();
        long recordedBefore = inHistory("decision-target-breached", "%");

        clock.set(queued.decisionTargetDueAt().plusSeconds(1));
        DecisionTargetBreached breach = published(DecisionTargetBreached.class, claimId);
        assertThat(breach.dueAt()).isEqualTo(queued.decisionTargetDueAt());
        assertThat(breach.assignedReviewer().id()).isEqualTo("reviewer");
        await().atMost(WAIT).until(() -> pendingDue("decision-target") == 0);
        poller.fireDueTimers(); // a pass after it fired: nothing fires a second time
        assertThat(allPublished(DecisionTargetBreached.class, claimId, QUIET)).hasSize(1);
        assertThat(decisionTargetBreaches() - before).as("one count per breach recorded in the step")
                .isEqualTo(inHistory("decision-target-breached", "%") - recordedBefore);
        var review = api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json();
        assertThat(review.at("/review/status").asString()).isEqualTo("IN_REVIEW");
        assertThat(review.at("/history").valueStream().map(h -> h.path("action").asString()).toList())
                .contains("decision-target-breached");
    }

    @Test
    void time_waiting_for_the_partner_does_not_count_against_the_decision_target() {
        String claimId = queuedClaim();
        Instant target = published(ReviewQueued.class, claimId).decisionTargetDueAt();
        api.as(REVIEWER).post("/api/v1/reviews/" + claimId + "/start", null);
        published(ReviewStarted.class, claimId);
        api.as(REVIEWER).post("/api/v1/reviews/" + claimId + "/request-partner-action",
                "{\"reasons\":[\"MISSING_ALL_POE\"],\"comment\":\"Nothing attached\"}");
        Instant askedAt = published(PartnerActionRequested.class, claimId).occurredAt();
        assertThat(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json()
                .at("/review/deadlines/decisionTargetDueAt").isNull()).as("paused").isTrue();

        // the partner answers three business days later
        Instant resubmittedAt = calendar.plusBusinessDays(askedAt, 3);
        clock.set(resubmittedAt);
        feed(resubmitted(claimId, resubmittedAt));
        Instant moved = calendar.plusBusinessDays(target, 3);
        await().atMost(WAIT).until(() -> allPublished(ReviewQueued.class, claimId, Duration.ofMillis(200)).size() == 2);
        assertThat(Instant.parse(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json()
                .at("/review/deadlines/decisionTargetDueAt").asString())).isEqualTo(moved);

        clock.set(target.plusSeconds(1));
        assertThat(allPublished(DecisionTargetBreached.class, claimId, QUIET)).isEmpty();
        clock.set(moved.plusSeconds(1));
        assertThat(published(DecisionTargetBreached.class, claimId).dueAt()).isEqualTo(moved);
    }

    @Test
    void decision_target_counter_exists_before_any_breach() {
        assertThat(meters.find("cpor.review.decision.target.breaches").counter()).isNotNull();
    }

    @Test
    void review_decision_sla_breach_names_the_assigned_reviewer() {
        String claimId = queuedClaim();
        assertThat(api.as(REVIEWER).post("/api/v1/reviews/" + claimId + "/start", null).status()).isEqualTo(200);
        ReviewStarted started = published(ReviewStarted.class, claimId);

        stepToJustBefore(started.decisionDueAt(), claimId, "review-decision-sla");
        clock.set(started.decisionDueAt().plusSeconds(1));

        ReviewSlaBreached breach = published(ReviewSlaBreached.class, claimId);
        assertThat(breach.stage()).isEqualTo(ReviewSlaBreached.Stage.REVIEW_DECISION);
        assertThat(breach.assignedReviewer().id()).isEqualTo("reviewer");
        assertThat(allPublished(ReviewSlaBreached.class, claimId, QUIET)).hasSize(1);
    }

    @Test
    void partner_is_reminded_once_and_then_the_claim_is_rejected_for_no_partner_response_once() {
        String claimId = queuedClaim();
        api.as(REVIEWER).post("/api/v1/reviews/" + claimId + "/start", null);
        published(ReviewStarted.class, claimId);
        api.as(REVIEWER).post("/api/v1/reviews/" + claimId + "/request-partner-action",
                "{\"reasons\":[\"MISSING_ALL_POE\"],\"comment\":\"Nothing attached\"}");
        PartnerActionRequested request = published(PartnerActionRequested.class, claimId);
        Instant remindAt = calendar.plusBusinessDays(request.respondBy(), -1);

        stepToJustBefore(remindAt, claimId, "partner-response-reminder");
        clock.set(remindAt.plusSeconds(1));
        PartnerResponseReminderDue reminder = published(PartnerResponseReminderDue.class, claimId);
        assertThat(reminder.respondBy()).isEqualTo(request.respondBy());
        assertThat(allPublished(ReviewRejected.class, claimId, Duration.ofMillis(500))).isEmpty();

        stepToJustBefore(request.respondBy(), claimId, "partner-response-expiry");
        clock.set(request.respondBy().plusSeconds(1));
        ReviewRejected rejection = published(ReviewRejected.class, claimId);
        assertThat(rejection.reason()).isEqualTo(RejectionReason.NO_PARTNER_RESPONSE);
        assertThat(rejection.reviewer().kind()).isEqualTo(Actor.ActorKind.SYSTEM);
        assertThat(allPublished(PartnerResponseReminderDue.class, claimId, QUIET)).hasSize(1);
        assertThat(allPublished(ReviewRejected.class, claimId, Duration.ZERO)).hasSize(1);
        assertThat(api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/status").asString())
                .isEqualTo("DECIDED");
    }

    @Test
    void dispute_review_sla_breach_escalates_once() {
        String claimId = queuedClaim();
        feed(statusChanged(claimId, ClaimStatus.SUBMITTED, ClaimStatus.REJECTED, clock.instant(), "INSUFFICIENT_POE"));
        Instant disputedAt = clock.instant();
        feed(disputed(claimId, disputedAt));
        await().atMost(WAIT).until(() -> "DISPUTE_OPEN".equals(
                api.as(REVIEWER).get("/api/v1/reviews/" + claimId).json().at("/review/status").asString()));

        stepToJustBefore(calendar.plusBusinessDays(disputedAt, 5), claimId, "dispute-review-sla");
        clock.set(calendar.plusBusinessDays(disputedAt, 5).plusSeconds(1));

        ReviewSlaBreached breach = published(ReviewSlaBreached.class, claimId);
        assertThat(breach.stage()).isEqualTo(ReviewSlaBreached.Stage.DISPUTE_REVIEW);
        assertThat(allPublished(ReviewSlaBreached.class, claimId, QUIET)).hasSize(1);
    }

    @Test
    void a_started_review_never_breaches_the_start_sla() {
        String claimId = queuedClaim();
        ReviewQueued queued = published(ReviewQueued.class, claimId);
        api.as(REVIEWER).post("/api/v1/reviews/" + claimId + "/start", null);
        published(ReviewStarted.class, claimId);

        clock.set(queued.reviewStartDueAt().plusSeconds(1));

        await().atMost(WAIT).until(() -> poller.fireDueTimers() == 0);
        assertThat(allPublished(ReviewSlaBreached.class, claimId, QUIET))
                .noneMatch(record -> record.value().contains("\"REVIEW_START\""));
    }

    @Test
    void with_two_instances_on_one_database_every_timer_fires_exactly_once() {
        try (ConfigurableApplicationContext second = startInstance()) {
            TestApi secondApi = new TestApi(((WebServerApplicationContext) second).getWebServer().getPort());
            List<String> claimIds = IntStream.range(0, 6).mapToObj(i -> queuedClaim()).toList();
            Instant latestDue = claimIds.stream().map(id -> published(ReviewQueued.class, id).reviewStartDueAt())
                    .max(Instant::compareTo).orElseThrow();
            assertThat(secondApi.as(REVIEWER).get("/api/v1/reviews/" + claimIds.getFirst()).status()).isEqualTo(200);

            clock.set(latestDue.plusSeconds(1));

            claimIds.forEach(id -> published(ReviewSlaBreached.class, id));
            List<ConsumerRecord<String, String>> breaches = probe.drain(QUIET);
            for (String claimId : claimIds) {
                assertThat(breaches.stream().filter(r -> claimId.equals(r.key()))
                        .filter(r -> r.value().contains("\"review.sla-breached\""))).hasSize(1);
            }
        }
    }

    @Test
    void a_timer_survives_a_restart_mid_wait_and_fires_once_afterwards() {
        poller.stop(); // this test's instance is the only one firing timers
        try {
            String claimId;
            ReviewQueued queued;
            try (ConfigurableApplicationContext instance = startInstance()) {
                claimId = queuedClaim();
                queued = published(ReviewQueued.class, claimId);
            }
            clock.set(queued.reviewStartDueAt().plusSeconds(1));
            assertThat(timers.stateOf("review-start-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.PENDING);

            try (ConfigurableApplicationContext restarted = startInstance()) {
                ReviewSlaBreached breach = published(ReviewSlaBreached.class, claimId);
                assertThat(breach.dueAt()).isEqualTo(queued.reviewStartDueAt());
                assertThat(allPublished(ReviewSlaBreached.class, claimId, QUIET)).hasSize(1);
                assertThat(timers.stateOf("review-start-sla:" + claimId + ":1")).contains(DurableTimers.TimerState.FIRED);
            }
        } finally {
            poller.start();
        }
    }

    /** Another instance of the service on the same database, broker, consumer group and clock. */
    private static ConfigurableApplicationContext startInstance() {
        return new SpringApplicationBuilder(ReviewServiceApplication.class, TestClockConfiguration.class)
                .initializers(new RealInfrastructureInitializer())
                // an argument, not a default property: application.yml's fixed port would win over a default
                .run("--server.port=0");
    }

    private String queuedClaim() {
        String claimId = newClaimId();
        feed(submitted(claimId, clock.instant()));
        published(ReviewQueued.class, claimId); // the review exists before a reviewer may act on it
        return claimId;
    }

    /**
     * Moves the clock to one second before {@code dueAt} and runs a whole firing pass there: the claim's timer of
     * this kind must still be waiting (nothing fires early), and no other timer of the kind is left due.
     */
    private void stepToJustBefore(Instant dueAt, String claimId, String kind) {
        clock.set(dueAt.minusSeconds(1));
        poller.fireDueTimers();
        await().atMost(WAIT).until(() -> pendingDue(kind) == 0);
        assertThat(jdbc.sql("SELECT state FROM durable_timer WHERE claim_id = ? AND kind = ?").params(claimId, kind)
                .query(String.class).list()).as("%s of %s a second before %s", kind, claimId, dueAt)
                .containsExactly("PENDING");
    }

    /** Timers of this kind due by the test clock and not fired yet. */
    private long pendingDue(String kind) {
        return jdbc.sql("SELECT count(*) FROM durable_timer WHERE kind = ? AND state = 'PENDING' AND due_at <= ?")
                .params(kind, java.sql.Timestamp.from(clock.instant())).query(Long.class).single();
    }

    private long breachesInHistory(String stage) {
        return inHistory("sla-breached", stage + " %");
    }

    /** History entries of every review with this action and a detail LIKE the pattern. */
    private long inHistory(String action, String detailLike) {
        return jdbc.sql("SELECT count(*) FROM review_history WHERE action = ? AND detail LIKE ?")
                .params(action, detailLike).query(Long.class).single();
    }

    private long breachesInHistory(String claimId, String stage) {
        return jdbc.sql("SELECT count(*) FROM review_history WHERE claim_id = ? AND action = 'sla-breached' AND detail LIKE ?")
                .params(claimId, stage + " %").query(Long.class).single();
    }

    private double breaches(String stage) {
        var counter = meters.find("cpor.review.sla.breaches").tag("stage", stage).counter();
        return counter == null ? 0 : counter.count();
    }

}
