package com.cpor.platform.timers;

import com.cpor.platform.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An idle poller does not poll: it sleeps until the next timer is due, and a sooner timer scheduled in this instance
 * wakes it. Each test runs its own poller for its own kind, polling once an hour, so only the due times and the
 * wake-ups can make it fire.
 */
@ServiceIntegrationTest
class TimerSleepIT {

    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_poller_sleeps_until_the_next_timer_is_due_and_a_sooner_one_scheduled_here_wakes_it_first() {
        String kind = "sleep-" + UUID.randomUUID();
        List<String> fired = new CopyOnWriteArrayList<>();
        TimerPoller poller = hourlyPoller(kind, fired, 1);
        DurableTimers timers = new DurableTimers(jdbc, poller::timerScheduled);
        Instant now = databaseNow();
        schedule(timers, "later", kind, now.plusSeconds(3));
        poller.start();
        try {
            schedule(timers, "sooner", kind, now.plusMillis(1500)); // while the poller sleeps until "later"

            await().atMost(Duration.ofSeconds(20)).until(() -> fired.size() == 2);
            assertThat(fired).containsExactly("sooner", "later");
        } finally {
            poller.stop();
        }
    }

    @Test
    void with_several_workers_the_scout_sleeps_until_the_next_due_time_and_wakes_the_worker_of_its_share() {
        String kind = "scout-" + UUID.randomUUID();
        List<String> fired = new CopyOnWriteArrayList<>();
        TimerPoller poller = hourlyPoller(kind, fired, 3);
        DurableTimers timers = new DurableTimers(jdbc, poller::timerScheduled);
        poller.start();
        try {
            Instant now = databaseNow();
            schedule(timers, "first", kind, now.plusMillis(800));
            schedule(timers, "second", kind, now.plusMillis(1600));

            await().atMost(Duration.ofSeconds(20)).until(() -> fired.size() == 2);
            // claims of different shares may fire on different workers: only the first test's order is certain
            assertThat(fired).containsExactlyInAnyOrder("first", "second");
        } finally {
            poller.stop();
        }
    }

    /** Polls once an hour and looks again after an hour even while timers wait. */
    private TimerPoller hourlyPoller(String kind, List<String> fired, int workers) {
        TimerHandler handler = new TimerHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void onDue(DueTimer timer) {
                fired.add(timer.timerId().substring(0, timer.timerId().indexOf(':')));
            }
        };
        TimerSettings hourly = new TimerSettings(true, HOUR, HOUR, 200, 3, Duration.ZERO, workers);
        return new TimerPoller(jdbc, transactions, List.of(handler), hourly, TimerClock.DATABASE,
                new SimpleMeterRegistry(), Clock.systemUTC());
    }

    private void schedule(DurableTimers timers, String name, String kind, Instant dueAt) {
        String claimId = "c-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> timers.schedule(name + ":" + claimId, kind, claimId, dueAt, null));
    }

    private Instant databaseNow() {
        return jdbc.sql("SELECT now()").query(java.sql.Timestamp.class).single().toInstant();
    }
}
