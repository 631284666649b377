package com.cpor.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

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
}
