package com.cpor.platform.background;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PollingLoopTest {

    /** Counts each worker's rounds; polls once an hour, so every later round is a wake-up. */
    private static final class CountingLoop extends PollingLoop {
        final AtomicIntegerArray rounds = new AtomicIntegerArray(3);

        CountingLoop() {
            super("counting", Duration.ofHours(1), true, 3);
        }

        @Override
        protected Duration round() {
            rounds.incrementAndGet(currentWorker());
            return pollInterval();
        }
    }

    @Test
    void a_wake_up_aimed_at_one_worker_starts_that_workers_round_and_no_other() {
        CountingLoop loop = new CountingLoop();
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.rounds.get(0) == 1 && loop.rounds.get(1) == 1
                    && loop.rounds.get(2) == 1);

            loop.wakeUp(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> loop.rounds.get(2) == 2);
            assertThat(loop.rounds.get(0)).isEqualTo(1);
            assertThat(loop.rounds.get(1)).isEqualTo(1);
        } finally {
            loop.stop();
        }
    }

    @Test
    void a_wake_up_of_the_loop_starts_every_workers_next_round() {
        CountingLoop loop = new CountingLoop();
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.rounds.get(0) == 1 && loop.rounds.get(1) == 1
                    && loop.rounds.get(2) == 1);

            loop.wakeUp();

            await().atMost(Duration.ofSeconds(10)).until(() -> loop.rounds.get(0) == 2 && loop.rounds.get(1) == 2
                    && loop.rounds.get(2) == 2);
        } finally {
            loop.stop();
        }
    }

    @Test
    void a_round_that_names_its_next_wait_runs_again_after_it_without_a_wake_up_or_the_poll_interval() {
        AtomicInteger rounds = new AtomicInteger();
        PollingLoop loop = new PollingLoop("timed", Duration.ofHours(1), true) {
            @Override
            protected Duration round() {
                rounds.incrementAndGet();
                return Duration.ofMillis(20); // e.g. the next due time of the work
            }
        };
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 3);
        } finally {
            loop.stop();
        }
    }

    @Test
    void a_failed_round_is_tried_again_after_the_poll_interval() {
        AtomicInteger rounds = new AtomicInteger();
        PollingLoop loop = new PollingLoop("failing", Duration.ofMillis(20), true) {
            @Override
            protected Duration round() {
                rounds.incrementAndGet();
                throw new IllegalStateException("database away");
            }
        };
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 3);
        } finally {
            loop.stop();
        }
    }
}
