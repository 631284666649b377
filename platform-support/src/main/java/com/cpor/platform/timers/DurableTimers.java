package com.cpor.platform.timers;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Deadlines stored in the service's own database. Scheduling joins the caller's transaction, so a timer
 * exists exactly when the state change that started its clock committed. Fired and cancelled timers are
 * deleted after {@code cpor.retention.timers}; scheduling is idempotent only while the row exists.
 */
public class DurableTimers {

    private final JdbcClient jdbc;
    private final Consumer<Instant> scheduledAfterCommit;

    /** @param scheduledAfterCommit told each new timer's due time once it committed (wakes this instance's poller) */
    public DurableTimers(JdbcClient jdbc, Consumer<Instant> scheduledAfterCommit) {
        this.jdbc = jdbc;
        this.scheduledAfterCommit = scheduledAfterCommit;
    }

    /**
     * Schedules a timer; scheduling the same {@code timerId} again is a no-op (idempotent under redelivery).
     *
     * @param timerId stable identity, e.g. {@code consent-window:<claimId>:<consentId>}
     */
    public void schedule(String timerId, String kind, String claimId, Instant dueAt, String payload) {
        requireTransaction();
        boolean scheduled = jdbc.sql("""
                        INSERT INTO durable_timer (timer_id, kind, claim_id, due_at, payload)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (timer_id) DO NOTHING
                        """)
                .params(timerId, kind, claimId, Timestamp.from(dueAt), payload)
                .update() > 0;
        if (scheduled) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduledAfterCommit.accept(dueAt);
                }
            });
        }
    }

    /** Cancels a pending timer. @return true if one was pending */
    public boolean cancel(String timerId) {
        requireTransaction();
        return jdbc.sql("""
                        UPDATE durable_timer SET state = 'CANCELLED', finished_at = now()
                        WHERE timer_id = ? AND state = 'PENDING'
                        """)
                .param(timerId).update() > 0;
    }

    /** Cancels every pending timer of a kind for a claim. @return how many were pending */
    public int cancelAll(String claimId, String kind) {
        requireTransaction();
        return jdbc.sql("""
                        UPDATE durable_timer SET state = 'CANCELLED', finished_at = now()
                        WHERE claim_id = ? AND kind = ? AND state = 'PENDING'
                        """)
                .params(claimId, kind).update();
    }

    public Optional<TimerState> stateOf(String timerId) {
        return jdbc.sql("SELECT state FROM durable_timer WHERE timer_id = ?").param(timerId)
                .query(String.class).optional().map(TimerState::valueOf);
    }

    public enum TimerState { PENDING, FIRED, CANCELLED, FAILED }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Timers change inside the transaction of the state change they belong to");
        }
    }
}
