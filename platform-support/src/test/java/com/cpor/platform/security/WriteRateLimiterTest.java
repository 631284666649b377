package com.cpor.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void allows_the_burst_then_refuses_until_a_token_has_refilled() {
        WriteRateLimiter limiter = new WriteRateLimiter(2, 3, 100, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("partner:1").allowed()).isTrue();
        }
        WriteRateLimiter.Decision refused = limiter.tryAcquire("partner:1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.tryAcquire("partner:1").allowed()).isTrue();
        assertThat(limiter.tryAcquire("partner:1").allowed()).isFalse();
    }

    @Test
    void callers_have_separate_buckets() {
        WriteRateLimiter limiter = new WriteRateLimiter(1, 1, 100, now::get);
        assertThat(limiter.tryAcquire("partner:1").allowed()).isTrue();
        assertThat(limiter.tryAcquire("partner:1").allowed()).isFalse();
        assertThat(limiter.tryAcquire("partner:2").allowed()).isTrue();
    }

    @Test
    void a_slow_rate_gives_a_retry_after_of_whole_seconds_rounded_up() {
        WriteRateLimiter limiter = new WriteRateLimiter(0.25, 1, 100, now::get);
        limiter.tryAcquire("subject:a");
        assertThat(limiter.tryAcquire("subject:a").retryAfterSeconds()).isEqualTo(4);
    }

    @Test
    void refilling_never_exceeds_the_burst() {
        WriteRateLimiter limiter = new WriteRateLimiter(10, 2, 100, now::get);
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(limiter.tryAcquire("k").allowed()).isTrue();
        assertThat(limiter.tryAcquire("k").allowed()).isTrue();
        assertThat(limiter.tryAcquire("k").allowed()).isFalse();
    }

    @Test
    void memory_stays_bounded_by_max_callers_and_busy_callers_keep_their_debt() {
        WriteRateLimiter limiter = new WriteRateLimiter(1, 1, 10, now::get);
        limiter.tryAcquire("busy");
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("caller-" + i);
        }
        assertThat(limiter.trackedCallers()).isLessThanOrEqualTo(10);

        WriteRateLimiter fresh = new WriteRateLimiter(1, 1, 3, now::get);
        fresh.tryAcquire("busy");
        fresh.tryAcquire("a");
        fresh.tryAcquire("b");
        now.addAndGet(Duration.ofMillis(10).toNanos());
        fresh.tryAcquire("c");
        assertThat(fresh.trackedCallers()).isLessThanOrEqualTo(3);
    }

    @Test
    void a_throttled_caller_that_keeps_writing_is_not_evicted_and_stays_throttled() {
        // several key sets, since which bucket an eviction picks among equals depends on hash order
        for (int round = 0; round < 50; round++) {
            WriteRateLimiter limiter = new WriteRateLimiter(1, 1, 3, now::get);
            limiter.tryAcquire("idle-a-" + round);
            limiter.tryAcquire("idle-b-" + round);
            now.addAndGet(Duration.ofMillis(1).toNanos());
            String busy = "busy-" + round;
            assertThat(limiter.tryAcquire(busy).allowed()).isTrue();
            assertThat(limiter.tryAcquire(busy).allowed()).isFalse();
            now.addAndGet(Duration.ofMillis(1).toNanos());

            limiter.tryAcquire("newcomer-" + round);

            assertThat(limiter.trackedCallers()).isLessThanOrEqualTo(3);
            assertThat(limiter.tryAcquire(busy).allowed())
                    .as("round %d: the busy caller must not come back with a fresh burst", round).isFalse();
        }
    }

    @Test
    void the_rate_the_burst_and_the_number_of_callers_must_be_positive() {
        assertThatThrownBy(() -> new WriteRateLimiter(0, 1, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteRateLimiter(1, 0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteRateLimiter(1, 1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);

        WriteRateLimiter smallest = new WriteRateLimiter(0.001, 1, 1, now::get);
        assertThat(smallest.tryAcquire("k").allowed()).isTrue();
        assertThat(smallest.tryAcquire("k").allowed()).isFalse();
    }

    @Test
    void a_partly_refilled_bucket_asks_to_wait_only_for_the_rest_of_the_token() {
        WriteRateLimiter limiter = new WriteRateLimiter(1, 1, 100, now::get);
        limiter.tryAcquire("k");
        now.addAndGet(Duration.ofMillis(250).toNanos());

        assertThat(limiter.tryAcquire("k").retryAfter()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void callers_are_kept_until_there_are_more_of_them_than_the_maximum() {
        WriteRateLimiter limiter = new WriteRateLimiter(1, 2, 2, now::get);
        limiter.tryAcquire("a");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        limiter.tryAcquire("b");

        assertThat(limiter.trackedCallers()).as("a has refilled, but two callers are allowed").isEqualTo(2);
    }

    @Test
    void an_eviction_drops_a_refilled_bucket_before_an_older_one_in_debt_and_only_as_many_as_needed() {
        WriteRateLimiter limiter = new WriteRateLimiter(1, 2, 2, now::get);
        assertThat(limiter.tryAcquire("in-debt").allowed()).isTrue();
        assertThat(limiter.tryAcquire("in-debt").allowed()).isTrue();
        now.addAndGet(Duration.ofMillis(500).toNanos());
        limiter.tryAcquire("refills-first");
        // 1.6 s after the first caller's burst: refills-first is full again, in-debt has 1.6 of 2 tokens
        now.addAndGet(Duration.ofMillis(1100).toNanos());

        limiter.tryAcquire("newcomer");

        assertThat(limiter.trackedCallers()).isEqualTo(2);
        assertThat(limiter.tryAcquire("in-debt").allowed()).isTrue();
        assertThat(limiter.tryAcquire("in-debt").allowed())
                .as("in-debt kept its bucket: 0.6 tokens left, not a fresh burst of 2").isFalse();
    }
}
