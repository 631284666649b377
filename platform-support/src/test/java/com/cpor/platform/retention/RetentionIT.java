package com.cpor.platform.retention;

import com.cpor.events.Actor;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.platform.inbox.Inbox;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Inbox rows and finished timers are purged after their retention (defaults: inbox 45 days, timers 30 days). */
@ServiceIntegrationTest
class RetentionIT {

    @Autowired
    RetentionCleaner cleaner;
    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DataSource dataSource;

    @Test
    void inbox_rows_and_finished_timers_past_their_retention_are_purged_and_recent_ones_stay() {
        String consumer = "retention-" + UUID.randomUUID();
        UUID oldEvent = processedDaysAgo(consumer, 46);
        UUID recentEvent = processedDaysAgo(consumer, 44);
        String claimId = "c-" + UUID.randomUUID();
        timer(claimId, "fired-long-ago", "FIRED", 31);
        timer(claimId, "cancelled-long-ago", "CANCELLED", 31);
        timer(claimId, "fired-recently", "FIRED", 29);
        timer(claimId, "failed-long-ago", "FAILED", 100);
        timer(claimId, "pending-since-long-ago", "PENDING", 100);
        double purgedBefore = purged("inbox") + purged("timers");

        cleaner.purgeAll();

        assertThat(inboxRow(consumer, oldEvent)).isFalse();
        assertThat(inboxRow(consumer, recentEvent)).isTrue();
        assertThat(jdbc.sql("SELECT timer_id FROM durable_timer WHERE claim_id = ? ORDER BY timer_id").param(claimId)
                .query(String.class).list())
                .containsExactly("failed-long-ago:" + claimId, "fired-recently:" + claimId,
                        "pending-since-long-ago:" + claimId);
        assertThat(purged("inbox") + purged("timers")).isGreaterThanOrEqualTo(purgedBefore + 3);
    }

    @Test
    void a_purge_deletes_in_bounded_batches_until_nothing_old_is_left() {
        String consumer = "retention-batches-" + UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO processed_event (consumer, event_id, event_type, processed_at)
                SELECT ?, gen_random_uuid(), 'Old', now() - interval '60 days' FROM generate_series(1, 2500)
                """).param(consumer).update();

        cleaner.purgeAll();

        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = ?").param(consumer)
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_redelivery_within_the_inbox_retention_is_still_a_duplicate() {
        AtomicInteger applied = new AtomicInteger();
        ReviewApproved event = new ReviewApproved(UUID.randomUUID(), Instant.now(), "c-" + UUID.randomUUID(),
                new Actor("reviewer", "Réka", "reka@example.com", Actor.ActorKind.REVIEWER), "ok");
        assertThat(inbox.processOnce("retention-redelivery", event, e -> applied.incrementAndGet())).isTrue();
        age(event.eventId(), 44);

        cleaner.purgeAll();

        assertThat(inbox.processOnce("retention-redelivery", event, e -> applied.incrementAndGet())).isFalse();
        assertThat(applied).hasValue(1);

        // why the inbox must outlive every redelivery: once its id is purged, the same event applies again
        age(event.eventId(), 46);
        cleaner.purgeAll();
        assertThat(inbox.processOnce("retention-redelivery", event, e -> applied.incrementAndGet())).isTrue();
        assertThat(applied).hasValue(2);
    }

    @Test
    void only_one_instance_purges_at_a_time() throws Exception {
        String consumer = "retention-lock-" + UUID.randomUUID();
        UUID oldEvent = processedDaysAgo(consumer, 50);
        try (Connection otherInstance = dataSource.getConnection(); Statement statement = otherInstance.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + RetentionCleaner.PURGE_LOCK_KEY + ")");

            assertThat(cleaner.purgeAll()).isEmpty();
            assertThat(inboxRow(consumer, oldEvent)).isTrue();

            statement.execute("SELECT pg_advisory_unlock(" + RetentionCleaner.PURGE_LOCK_KEY + ")");
        }
        cleaner.purgeAll();
        assertThat(inboxRow(consumer, oldEvent)).isFalse();
    }

    private UUID processedDaysAgo(String consumer, int days) {
        UUID eventId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO processed_event (consumer, event_id, event_type, processed_at)
                        VALUES (?, ?, 'Test', now() - ? * interval '1 day')
                        """)
                .params(consumer, eventId, days).update();
        return eventId;
    }

    private void age(UUID eventId, int days) {
        jdbc.sql("UPDATE processed_event SET processed_at = now() - ? * interval '1 day' WHERE event_id = ?")
                .params(days, eventId).update();
    }

    private boolean inboxRow(String consumer, UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?")
                .params(consumer, eventId).query(Long.class).single() == 1;
    }

    private void timer(String claimId, String name, String state, int finishedDaysAgo) {
        boolean finished = state.equals("FIRED") || state.equals("CANCELLED");
        jdbc.sql("""
                        INSERT INTO durable_timer (timer_id, kind, claim_id, due_at, state, created_at, finished_at)
                        VALUES (?, 'retention-test', ?, now() - ? * interval '1 day', ?, now() - ? * interval '1 day',
                            CASE WHEN ? THEN now() - ? * interval '1 day' END)
                        """)
                .params(name + ":" + claimId, claimId, finishedDaysAgo, state, finishedDaysAgo, finished,
                        finishedDaysAgo)
                .update();
    }

    private double purged(String what) {
        return meters.get("cpor.retention.purged").tag("what", what).counter().count();
    }
}
