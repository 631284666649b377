package com.cpor.reviewservice.review.application;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewArrivalsTest {

    /** No periodic re-check here, so the database is never asked. */
    private final ReviewArrivals arrivals = new ReviewArrivals(noDatabase(), Duration.ofSeconds(20), 2, Duration.ZERO);

    @AfterEach
    void close() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        arrivals.close();
    }

    @Test
    void a_creation_wakes_its_waiters_only_once_its_transaction_commits() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        arrivals.await("claim-1", woken::countDown).orElseThrow();
        TransactionSynchronizationManager.initSynchronization();

        arrivals.created("claim-1");
        assertThat(arrivals.isAwaited("claim-1")).isTrue();
        TransactionSynchronizationUtils.triggerAfterCommit();

        assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(arrivals.waiting()).isZero();
        assertThat(arrivals.claimsAwaited()).isZero();
        assertThat(arrivals.wokenOnCommit()).isEqualTo(1);
    }

    @Test
    void a_rolled_back_creation_wakes_nobody() {
        arrivals.await("claim-1", () -> {
            throw new AssertionError("woken by a rolled-back creation");
        }).orElseThrow();
        TransactionSynchronizationManager.initSynchronization();

        arrivals.created("claim-1");
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
                TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(arrivals.isAwaited("claim-1")).isTrue();
        assertThat(arrivals.waiting()).isEqualTo(1);
    }

    @Test
    void beyond_max_waiters_a_wait_is_refused_until_a_waiter_leaves() {
        ReviewArrivals.Waiter first = arrivals.await("claim-1", () -> { }).orElseThrow();
        arrivals.await("claim-2", () -> { }).orElseThrow();

        assertThat(arrivals.await("claim-3", () -> { })).isEmpty();
        first.cancel();
        first.cancel();

        assertThat(arrivals.waiting()).isEqualTo(1);
        assertThat(arrivals.isAwaited("claim-1")).isFalse();
        assertThat(arrivals.await("claim-3", () -> { })).isPresent();
        assertThat(arrivals.await("claim-4", () -> { })).isEmpty();
    }

    @Test
    void a_waiter_woken_and_then_cancelled_by_its_request_counts_once() throws Exception {
        CountDownLatch woken = new CountDownLatch(2);
        ReviewArrivals.Waiter one = arrivals.await("claim-1", woken::countDown).orElseThrow();
        arrivals.await("claim-1", woken::countDown).orElseThrow();

        arrivals.created("claim-1");
        assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
        one.cancel();

        assertThat(arrivals.waiting()).isZero();
        assertThat(arrivals.claimsAwaited()).isZero();
        assertThat(arrivals.wokenOnCommit()).isEqualTo(2);
    }

    private static ReviewRepository noDatabase() {
        return (ReviewRepository) Proxy.newProxyInstance(ReviewRepository.class.getClassLoader(),
                new Class<?>[] {ReviewRepository.class}, (proxy, method, args) -> {
                    throw new AssertionError("the database was asked: " + method.getName());
                });
    }
}
