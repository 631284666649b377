package com.cpor.benchmarks;

import com.cpor.localstack.Platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consent-service's durable timers at scale. Pending consent windows (a {@code consent_window} row, which the timer
 * handler loads and closes, plus its {@code durable_timer} row, the same ids the service itself writes) are
 * bulk-inserted server-side with {@code INSERT ... SELECT generate_series}, all due in 30 days. Then a subset is
 * moved to one instant a few seconds ahead, so they all fall due at once, and the service's own timer poller fires them.
 */
final class TimerStorm {

    record Stored(long pending, double seconds, boolean complete) {
    }

    record Result(long due, long fired, double firingSeconds, double firingsPerSecond, double latenessP50Ms,
                  double latenessP99Ms, double latenessMaxMs, List<long[]> firedPerSecond) {
    }

    private static final String WINDOW_ID = "cw-bench-";

    private final Platform platform;

    TimerStorm(Platform platform) {
        this.platform = platform;
    }

    /** Stores up to {@code target} pending windows in chunks, stopping early when {@code budget} is spent. */
    Stored store(long target, int chunk, Duration budget) throws SQLException {
        long start = System.nanoTime();
        long stored = 0;
        try (Connection connection = Backlogs.Database.connect(platform, "consent-service")) {
            connection.setAutoCommit(false);
            String snapshot = aRealClaimSnapshot(connection);
            try (PreparedStatement windows = connection.prepareStatement("""
                         INSERT INTO consent_window (consent_id, claim_id, opened_by_event_id, status, token_sha256,
                                                     opened_at, window_ends_at, claim_snapshot,
                                                     notice_status, notice_delivered_at)
                         SELECT 'cw-bench-' || i, 'bench-claim-' || i, gen_random_uuid(), 'OPEN',
                                encode(sha256(('bench-link-' || i)::bytea), 'hex'),
                                now(), now() + interval '30 days', ?, 'DELIVERED', now()
                         FROM generate_series(?::bigint, ?::bigint) AS i
                         """);
                 PreparedStatement timers = connection.prepareStatement("""
                         INSERT INTO durable_timer (timer_id, kind, claim_id, due_at, payload)
                         SELECT 'consent-window:cw-bench-' || i, 'consent-window', 'bench-claim-' || i,
                                now() + interval '30 days', 'cw-bench-' || i
                         FROM generate_series(?::bigint, ?::bigint) AS i
                         """)) {
                while (stored < target && System.nanoTime() - start < budget.toNanos()) {
                    long from = stored + 1;
                    long to = Math.min(target, stored + chunk);
                    windows.setString(1, snapshot);
                    windows.setLong(2, from);
                    windows.setLong(3, to);
                    windows.executeUpdate();
                    timers.setLong(1, from);
                    timers.setLong(2, to);
                    timers.executeUpdate();
                    connection.commit();
                    stored = to;
                }
            }
            connection.setAutoCommit(true);
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE durable_timer");
                analyze.execute("ANALYZE consent_window");
            }
        }
        return new Stored(stored, (System.nanoTime() - start) / 1e9, stored == target);
    }

    private static String aRealClaimSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT claim_snapshot FROM consent_window LIMIT 1")) {
            if (!result.next()) {
                throw new IllegalStateException("No consent window to copy a claim snapshot from: run the lifecycle first");
            }
            return result.getString(1);
        }
    }

    /** Moves the first {@code count} stored timers to {@code dueAt}; returns when the update committed. */
    Instant makeDue(long count, Duration ahead) throws SQLException {
        try (Connection connection = Backlogs.Database.connect(platform, "consent-service");
             PreparedStatement update = connection.prepareStatement("""
                     UPDATE durable_timer t SET due_at = ?
                     FROM generate_series(1::bigint, ?::bigint) AS i
                     WHERE t.timer_id = 'consent-window:cw-bench-' || i AND t.state = 'PENDING'
                     """)) {
            Instant dueAt = Instant.now().plus(ahead);
            update.setTimestamp(1, Timestamp.from(dueAt));
            update.setLong(2, count);
            update.executeUpdate();
            if (Instant.now().isAfter(dueAt)) {
                throw new IllegalStateException("Making the timers due took longer than " + ahead);
            }
            return dueAt;
        }
    }

    /** Timers due at {@code dueAt} that are still pending (uses the partial index on pending due times). */
    long stillPending(Instant dueAt) {
        try (Connection connection = Backlogs.Database.connect(platform, "consent-service");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM durable_timer WHERE state = 'PENDING' AND due_at <= ?")) {
            query.setTimestamp(1, Timestamp.from(dueAt));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Firing rate and lateness (fired_at - due_at, both on this machine's clock) of the timers due at {@code dueAt}. */
    Result measure(long due, Instant dueAt) throws SQLException {
        try (Connection connection = Backlogs.Database.connect(platform, "consent-service")) {
            long fired;
            double p50;
            double p99;
            double max;
            Instant last;
            try (PreparedStatement stats = connection.prepareStatement("""
                    SELECT count(*),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)),
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at)),
                           max(extract(epoch FROM fired_at - due_at)),
                           max(fired_at)
                    FROM durable_timer WHERE due_at = ? AND state = 'FIRED'
                    """)) {
                stats.setTimestamp(1, Timestamp.from(dueAt));
                try (ResultSet result = stats.executeQuery()) {
                    result.next();
                    fired = result.getLong(1);
                    p50 = result.getDouble(2) * 1000;
                    p99 = result.getDouble(3) * 1000;
                    max = result.getDouble(4) * 1000;
                    Timestamp lastFired = result.getTimestamp(5);
                    last = lastFired == null ? dueAt : lastFired.toInstant();
                }
            }
            List<long[]> perSecond = new ArrayList<>();
            try (PreparedStatement timeline = connection.prepareStatement("""
                    SELECT floor(extract(epoch FROM fired_at - due_at))::bigint AS second, count(*)
                    FROM durable_timer WHERE due_at = ? AND state = 'FIRED' GROUP BY 1 ORDER BY 1
                    """)) {
                timeline.setTimestamp(1, Timestamp.from(dueAt));
                try (ResultSet result = timeline.executeQuery()) {
                    while (result.next()) {
                        perSecond.add(new long[] {result.getLong(1), result.getLong(2)});
                    }
                }
            }
            double seconds = Math.max(0.001, Duration.between(dueAt, last).toMillis() / 1000.0);
            return new Result(due, fired, seconds, fired / seconds, p50, p99, max, perSecond);
        }
    }
}
