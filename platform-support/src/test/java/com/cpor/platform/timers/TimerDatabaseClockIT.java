package com.cpor.platform.timers;

import com.cpor.platform.config.PlatformProperties;
import com.cpor.platform.retention.SqlRetentionTask;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * Timers are due by the database clock: an instance whose own clock runs ahead fires nothing early. And the timer
 * gauges answer from indexes however many fired timers the table holds.
 */
@ServiceIntegrationTest
class TimerDatabaseClockIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DurableTimers timers;
    @Autowired
    PlatformProperties properties;
    @Autowired
    TimerPoller livePoller;
    @Autowired
    MeterRegistry meters;

    @Test
    void an_instance_whose_clock_is_an_hour_ahead_does_not_fire_a_timer_due_in_thirty_minutes() {
        String kind = "clock-test-" + UUID.randomUUID();
        Clock hourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        List<String> fired = new CopyOnWriteArrayList<>();
        TimerHandler handler = new TimerHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void onDue(DueTimer timer) {
                fired.add(timer.timerId() + " at " + hourAhead.instant());
            }
        };
        // this instance: its java.time.Clock (what it schedules and stamps with) runs an hour ahead
        TimerPoller instance = new TimerPoller(jdbc, transactions, List.of(handler), properties.timers(),
                TimerClock.DATABASE, new SimpleMeterRegistry(), hourAhead);
        Instant databaseNow = jdbc.sql("SELECT now()").query(java.sql.Timestamp.class).single().toInstant();
        String claimId = "c-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            timers.schedule("in-30-minutes:" + claimId, kind, claimId, databaseNow.plus(Duration.ofMinutes(30)), null);
            timers.schedule("a-second-ago:" + claimId, kind, claimId, databaseNow.minusSeconds(1), null);
        });
        assertThat(databaseNow.plus(Duration.ofMinutes(30))).isBefore(hourAhead.instant());

        instance.fireDueTimers();

        assertThat(fired).singleElement().asString().startsWith("a-second-ago:");
        assertThat(timers.stateOf("in-30-minutes:" + claimId)).contains(DurableTimers.TimerState.PENDING);
    }

    @Test
    void timer_gauges_answer_from_indexes_with_a_million_fired_timers() {
        jdbc.sql("""
                INSERT INTO durable_timer (timer_id, kind, claim_id, due_at, state, attempts, fired_at, finished_at)
                SELECT 'gauge-load:' || g, 'gauge-load', 'c-gauge-load-' || (g % 10000), now() - interval '1 hour',
                    'FIRED', 1, now(), now()
                FROM generate_series(1, 1000000) AS g
                """).update();
        try {
            jdbc.sql("ANALYZE durable_timer").update();

            for (var gauge : livePoller.gaugeQueries().entrySet()) {
                assertThat(plan(gauge.getValue())).as(gauge.getKey()).doesNotContain("Seq Scan on durable_timer");
                assertThat(meters.get(gauge.getKey()).gauge().value()).as(gauge.getKey()).isNotNegative();
            }
            String timerPurge = SqlRetentionTask.timers(jdbc, Duration.ofDays(30)).sql().replace(":keepSeconds", "2592000").replace(":limit", "1000");
            assertThat(plan(timerPurge)).doesNotContain("Seq Scan on durable_timer");
        } finally {
            jdbc.sql("DELETE FROM durable_timer WHERE kind = 'gauge-load'").update();
        }
    }

    private String plan(String sql) {
        return String.join("\n", jdbc.sql("EXPLAIN " + sql).query(String.class).list());
    }
}
