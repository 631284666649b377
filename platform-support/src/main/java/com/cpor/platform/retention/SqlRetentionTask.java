package com.cpor.platform.retention;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

/**
 * A purge written as one SQL statement with the named parameters {@code :keepSeconds} (the retention) and
 * {@code :limit} (the batch size), e.g. {@code DELETE ... WHERE ctid = ANY(ARRAY(SELECT ctid ... LIMIT :limit))}.
 */
public record SqlRetentionTask(String name, JdbcClient jdbc, String sql, Duration keep) implements RetentionTask {

    /** Inbox rows older than the inbox retention. */
    public static SqlRetentionTask inbox(JdbcClient jdbc, Duration keep) {
        return new SqlRetentionTask("inbox", jdbc, """
                DELETE FROM processed_event WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM processed_event
                    WHERE processed_at < now() - :keepSeconds * interval '1 second'
                    LIMIT :limit))
                """, keep);
    }

    /** Fired and cancelled timers finished longer ago than the timer retention; failed ones stay. */
    public static SqlRetentionTask timers(JdbcClient jdbc, Duration keep) {
        return new SqlRetentionTask("timers", jdbc, """
                DELETE FROM durable_timer WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM durable_timer
                    WHERE state IN ('FIRED', 'CANCELLED') AND finished_at < now() - :keepSeconds * interval '1 second'
                    LIMIT :limit))
                """, keep);
    }

    /** Idempotency keys older than their retention: a retry after it runs again. */
    public static SqlRetentionTask idempotencyKeys(JdbcClient jdbc, Duration keep) {
        return new SqlRetentionTask("idempotency-keys", jdbc, """
                DELETE FROM idempotency_key WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM idempotency_key
                    WHERE created_at < now() - :keepSeconds * interval '1 second'
                    LIMIT :limit))
                """, keep);
    }

    @Override
    public int purge(int limit) {
        return jdbc.sql(sql).param("keepSeconds", keep.toSeconds()).param("limit", limit).update();
    }
}
