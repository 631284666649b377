package com.cpor.reviewservice.review.web;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevUser;
import com.cpor.reviewservice.ReviewServiceTestBase;
import com.cpor.reviewservice.review.application.ReviewArrivals;
import com.cpor.reviewservice.review.application.ReviewRepository;
import com.cpor.reviewservice.review.domain.Review;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.cpor.devinfra.DevUser.PARTNER_ADMIN;
import static com.cpor.devinfra.DevUser.REVIEWER;
import static com.cpor.reviewservice.ClaimEvents.newClaimId;
import static com.cpor.reviewservice.ClaimEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Prefer: wait=<seconds>} (RFC 7240) on {@code GET /api/v1/reviews/{claimId}}: a reviewer waits for a review
 * instead of polling. The test context runs no periodic re-check (config/application.yml), so what wakes a waiter
 * is the creating transaction's commit, the end of its wait, or a re-check the test runs itself.
 */
class ReviewWaitIT extends ReviewServiceTestBase {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

    @Autowired
    ReviewArrivals arrivals;
    @Autowired
    ReviewRepository reviews;

    /** Nothing may stay behind: every test's waiters leave the registry once their requests are answered. */
    @AfterEach
    void registryIsEmptyAgain() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(arrivals.waiting()).isZero();
            assertThat(arrivals.claimsAwaited()).isZero();
        });
    }

    @Test
    void a_waiting_get_answers_with_the_review_as_soon_as_the_commit_that_creates_it_wakes_it() throws Exception {
        String claimId = newClaimId();
        long wokenOnCommit = arrivals.wokenOnCommit();
        CompletableFuture<ApiResponse> waiting = waitFor(claimId, "wait=20");
        await().atMost(WAIT).until(() -> arrivals.isAwaited(claimId));

        feed(submitted(claimId, clock.instant()));

        ApiResponse review = waiting.get(30, TimeUnit.SECONDS);
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.json().at("/review/claimId").asString()).isEqualTo(claimId);
        assertThat(review.json().at("/review/status").asString()).isEqualTo("QUEUED");
        assertThat(review.etag()).isEqualTo("\"" + review.json().at("/review/version").asLong() + "\"");
        assertThat(review.header("Preference-Applied")).isEqualTo("wait=20");
        assertThat(arrivals.wokenOnCommit()).isEqualTo(wokenOnCommit + 1);
    }

    @Test
    void a_wait_that_ends_without_a_review_answers_the_404_problem() throws Exception {
        String claimId = newClaimId();

        ApiResponse missing = waitFor(claimId, "wait=1").get(30, TimeUnit.SECONDS);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.text("type")).isEqualTo("urn:cpor:problem:not-found");
        assertThat(missing.header("Preference-Applied")).isEqualTo("wait=1");
    }

    @Test
    void a_review_another_instance_created_is_found_when_the_wait_ends() throws Exception {
        String claimId = newClaimId();
        CompletableFuture<ApiResponse> waiting = waitFor(claimId, "wait=2");
        await().atMost(WAIT).until(() -> arrivals.isAwaited(claimId));

        // written as another instance would, without this instance's in-process signal
        createReviewWithoutSignal(claimId);

        ApiResponse review = waiting.get(30, TimeUnit.SECONDS);
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.json().at("/review/claimId").asString()).isEqualTo(claimId);
    }

    @Test
    void the_recheck_wakes_the_waiters_of_reviews_another_instance_created_with_one_query() throws Exception {
        String created = newClaimId();
        String stillMissing = newClaimId();
        CountDownLatch woken = new CountDownLatch(1);
        long byRecheck = arrivals.wokenByRecheck();
        ReviewArrivals.Waiter createdWaiter = arrivals.await(created, woken::countDown).orElseThrow();
        ReviewArrivals.Waiter missingWaiter = arrivals.await(stillMissing, () -> {
            throw new AssertionError("woken without a review");
        }).orElseThrow();
        try {
            createReviewWithoutSignal(created);

            arrivals.recheck();

            assertThat(woken.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(arrivals.wokenByRecheck()).isEqualTo(byRecheck + 1);
            assertThat(arrivals.isAwaited(created)).isFalse();
            assertThat(arrivals.isAwaited(stillMissing)).isTrue();
        } finally {
            createdWaiter.cancel();
            missingWaiter.cancel();
        }
    }

    @Test
    void an_existing_review_is_answered_at_once_without_a_preference_applied() throws Exception {
        String claimId = newClaimId();
        feed(submitted(claimId, clock.instant()));
        await().atMost(WAIT).until(() -> api.as(REVIEWER).get("/api/v1/reviews/" + claimId).status() == 200);

        ApiResponse review = waitFor(claimId, "respond-async, wait=20").get(30, TimeUnit.SECONDS);

        assertThat(review.status()).isEqualTo(200);
        assertThat(review.etag()).isNotNull();
        assertThat(review.header("Preference-Applied")).isNull();
    }

    @Test
    void beyond_the_waiter_cap_a_request_is_answered_at_once_as_without_the_preference() throws Exception {
        List<ReviewArrivals.Waiter> filling = new ArrayList<>();
        try {
            // up to the cap (500 by default); a registry without one would take them all
            Optional<ReviewArrivals.Waiter> waiter = arrivals.await("cap-filler", () -> { });
            while (waiter.isPresent() && filling.size() < 100_000) {
                filling.add(waiter.get());
                waiter = arrivals.await("cap-filler", () -> { });
            }
            assertThat(waiter).as("a wait refused at the cap").isEmpty();

            // a 20 s wait would outlast the client's 15 s: only an immediate answer gets through
            ApiResponse missing = waitFor(newClaimId(), "wait=20").get(30, TimeUnit.SECONDS);

            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("Preference-Applied")).isNull();
        } finally {
            filling.forEach(ReviewArrivals.Waiter::cancel);
        }
    }

    @Test
    void callers_who_may_not_read_reviews_are_refused_before_they_wait() throws Exception {
        String claimId = newClaimId();

        ApiResponse partner = getAsync(PARTNER_ADMIN, claimId, "wait=20", CLIENT_TIMEOUT).get(30, TimeUnit.SECONDS);
        ApiResponse anonymous = getAsync(null, claimId, "wait=20", CLIENT_TIMEOUT).get(30, TimeUnit.SECONDS);

        assertThat(partner.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(arrivals.isAwaited(claimId)).isFalse();
    }

    @Test
    void a_client_that_gives_up_leaves_no_waiter_behind() {
        String claimId = newClaimId();
        CompletableFuture<ApiResponse> abandoned = getAsync(REVIEWER, claimId, "wait=3", Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> arrivals.isAwaited(claimId));

        assertThat(abandoned).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ApiClient.Unreachable.class)
                .withRootCauseInstanceOf(HttpTimeoutException.class);
        // the wait's end, at the latest, takes it out (checked after each test too)
        await().atMost(WAIT).until(() -> !arrivals.isAwaited(claimId));
    }

    private CompletableFuture<ApiResponse> waitFor(String claimId, String prefer) {
        return getAsync(REVIEWER, claimId, prefer, CLIENT_TIMEOUT);
    }

    /** The review's GET with {@code Prefer}, answered on another thread; the client gives up after {@code timeout}. */
    private CompletableFuture<ApiResponse> getAsync(DevUser user, String claimId, String prefer, Duration timeout) {
        ApiClient client = api.as(user).requestTimeout(timeout);
        return CompletableFuture.supplyAsync(() -> client.send("GET", "/api/v1/reviews/" + claimId, null, null,
                Map.of("Prefer", prefer)));
    }

    private void createReviewWithoutSignal(String claimId) {
        assertThat(reviews.insert(Review.queue(claimId, submitted(claimId, clock.instant()).claim(), clock.instant(),
                clock.instant().plus(Duration.ofDays(7)), clock.instant().plus(Duration.ofDays(14))))).isTrue();
    }
}
