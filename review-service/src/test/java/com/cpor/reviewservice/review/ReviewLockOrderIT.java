package com.cpor.reviewservice.review;

import com.cpor.events.Actor;
import com.cpor.platform.timers.TimerPoller;
import com.cpor.reviewservice.ReviewServiceTestBase;
import com.cpor.reviewservice.review.application.ReviewWorkflow;
import com.cpor.reviewservice.review.application.ReviewWorkflow.ReviewerAct;
import com.cpor.reviewservice.review.domain.ReviewActionNotAllowedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.cpor.reviewservice.ClaimEvents.newClaimId;
import static com.cpor.reviewservice.ClaimEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timer poller and reviewers take locks in one order (the review row, then its timer rows): decisions racing
 * the firing of the same reviews' deadline timers wait for each other, and PostgreSQL never reports a deadlock.
 */
class ReviewLockOrderIT extends ReviewServiceTestBase {

    private static final Actor LEAD = new Actor("lead", "Lena Lead", "lead@reviews.example", Actor.ActorKind.REVIEWER);
    private static final int ROUNDS = 3;
    private static final int REVIEWS_PER_ROUND = 20;
    private static final String DEADLOCK_DETECTED = "40P01";

    @Autowired
    ReviewWorkflow workflow;
    @Autowired
    TimerPoller poller;
    @Autowired
    JdbcClient jdbc;

    @Test
    void reviewer_decisions_racing_the_timer_poller_on_the_same_reviews_never_deadlock() throws Exception {
        List<String> all = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<String> claimIds = startedReviews();
                all.addAll(claimIds);
                // every decision deadline is due now: the pollers fire them while reviewers decide the same reviews
                clock.advance(Duration.ofDays(10));
                CountDownLatch go = new CountDownLatch(1);
                AtomicBoolean deciding = new AtomicBoolean(true);
                List<Future<?>> work = new ArrayList<>();
                work.add(threads.submit(() -> {
                    go.await();
                    while (deciding.get()) {
                        poller.fireDueTimers();
                    }
                    return null;
                }));
                List<String> reversed = new ArrayList<>(claimIds);
                Collections.reverse(reversed);
                List<String> shuffled = new ArrayList<>(claimIds);
                Collections.shuffle(shuffled);
                for (List<String> order : List.of(reversed, shuffled)) {
                    work.add(threads.submit(() -> {
                        go.await();
                        for (String claimId : order) {
                            try {
                                workflow.approve(claimId, new ReviewerAct(LEAD, true), "approved in a race", null);
                            } catch (RuntimeException e) {
                                if (!isExpectedLoss(e)) {
                                    failures.add(e);
                                }
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> decider : work.subList(1, work.size())) {
                    decider.get(2, TimeUnit.MINUTES);
                }
                deciding.set(false);
                work.getFirst().get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(failures).as("deadlocks and other failures of reviewer decisions")
                .noneMatch(ReviewLockOrderIT::isDeadlock).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM durable_timer WHERE claim_id IN (:claims) AND last_error IS NOT NULL
                        """).param("claims", all).query(Long.class).single())
                .as("timer firings that failed (a deadlock victim would be one)").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM review WHERE claim_id IN (:claims) AND status = 'DECIDED'")
                .param("claims", all).query(Long.class).single()).isEqualTo((long) all.size());
    }

    /** Queued and started reviews: each has a pending decision deadline timer. */
    private List<String> startedReviews() {
        List<String> claimIds = new ArrayList<>();
        for (int i = 0; i < REVIEWS_PER_ROUND; i++) {
            String claimId = newClaimId();
            feed(submitted(claimId, clock.instant()));
            claimIds.add(claimId);
        }
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM review WHERE claim_id IN (:claims)")
                .param("claims", claimIds).query(Long.class).single() == claimIds.size());
        claimIds.forEach(claimId -> workflow.start(claimId, new ReviewerAct(LEAD, true)));
        return claimIds;
    }

    /** The second of the two deciders finds the review decided already: a refusal, not a failure. */
    private static boolean isExpectedLoss(RuntimeException e) {
        return e instanceof ReviewActionNotAllowedException;
    }

    private static boolean isDeadlock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
