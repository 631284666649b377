package com.cpor.platform.timers;

import com.cpor.platform.background.PollingLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fires due timers exactly once across all instances. A timer is due by the database clock
 * ({@code clock_timestamp()}; see {@link TimerClock} for tests), never by this instance's clock, so a clock that
 * jumps ahead on one instance fires nothing early.
 * <p>
 * Each firing is its own transaction, taking its locks in one order: a try-lock on the claim (an advisory lock,
 * so pollers never wait for each other and a claim's timers fire one at a time), then the handler's subject
 * ({@link TimerHandler#lockSubject}), then the timer row, re-checked under the lock (a user action may have
 * cancelled it meanwhile). Handler effects and the FIRED mark commit together; a crash before commit leaves the
 * timer PENDING, so it fires after restart. A failing handler is retried with back-off and parked as FAILED after
 * {@code maxAttempts}. {@code workers} pollers run side by side, each on its share of the claims; an instance only
 * takes timers of kinds it has a handler for (a newer instance's kinds wait for a newer instance during a rolling upgrade).
 * <p>
 * With several workers, one more thread (the scout, {@code timer-poller-0}) is the only one that polls: one query per
 * poll interval says which shares have due timers, and only those workers are woken to fire them. An idle instance
 * therefore costs one query (one commit) per poll interval, not one per worker; a busy worker keeps firing its share
 * batch after batch, as before.
 */
public class TimerPoller extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);
    /** Advisory-lock namespace (first key of the two-key form) of "a timer of this claim is firing". */
    static final int CLAIM_FIRING_LOCK = 0x54494d52; // "TIMR"

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, TimerHandler> handlers;
    private final TimerSettings settings;
    private final TimerClock timerClock;
    private final MeterRegistry meters;
    private final Timer lateness;
    /** Per share: the scout saw due timers there and woke its worker. */
    private final List<AtomicBoolean> dueSeen;

    public TimerPoller(JdbcClient jdbc, TransactionTemplate transactions, List<TimerHandler> handlers,
                       TimerSettings settings, TimerClock timerClock, MeterRegistry meters) {
        super("timer-poller", settings.pollInterval(), settings.enabled() && !handlers.isEmpty(),
                settings.workers() > 1 ? settings.workers() + 1 : 1);
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        this.settings = settings;
        this.timerClock = timerClock;
        this.meters = meters;
        this.dueSeen = IntStream.range(0, Math.max(1, settings.workers())).mapToObj(share -> new AtomicBoolean()).toList();
        this.lateness = Timer.builder("cpor.timers.lateness").description("Firing time minus due time")
                .publishPercentileHistogram().register(meters);
        // each gauge query is answered from a partial index (see db/platform V4), never by scanning fired timers
        gaugeQueries().forEach((name, sql) -> Gauge.builder(name, this, poller -> poller.count(name))
                .description(switch (name) {
                    case "cpor.timers.pending" -> "Timers waiting for their due time";
                    case "cpor.timers.overdue" -> "Timers past their due time and not yet fired";
                    default -> "Timers parked after repeated handler failures";
                })
                .register(meters));
    }

    /** The SQL behind each gauge, as it runs now (public for the test that checks they use an index). */
    public Map<String, String> gaugeQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("cpor.timers.pending", "SELECT count(*) FROM durable_timer WHERE state = 'PENDING'");
        Instant testNow = timerClock.override();
        queries.put("cpor.timers.overdue", "SELECT count(*) FROM durable_timer WHERE state = 'PENDING' AND due_at < "
                + (testNow == null ? "clock_timestamp()" : "timestamptz '" + testNow + "'"));
        queries.put("cpor.timers.failed", "SELECT count(*) FROM durable_timer WHERE state = 'FAILED'");
        return queries;
    }

    /** Fires every timer due now. @return the number fired */
    public int fireDueTimers() {
        return fireDue(0, 1);
    }

    /** Fires the due timers of one share of the claims: worker {@code worker} of {@code workers}. */
    private int fireDue(int worker, int workers) {
        if (handlers.isEmpty()) {
            return 0;
        }
        int total = 0;
        List<DueTimer> candidates;
        int fired;
        do {
            candidates = dueCandidates(worker, workers);
            fired = 0;
            for (DueTimer candidate : candidates) {
                if (Thread.currentThread().isInterrupted()) {
                    return total;
                }
                if (fireIfStillDue(candidate)) {
                    fired++;
                }
            }
            total += fired;
        } while (candidates.size() == settings.batchSize() && fired > 0);
        return total;
    }

    /**
     * Read without locks: the firing transaction decides, under its locks, whether a candidate is still due. The
     * pollers of one instance split the claims between them (by a hash of the claim id), so they do not read and
     * try the same candidates; across instances the claim try-lock and the re-check keep firings apart.
     */
    private List<DueTimer> dueCandidates(int worker, int workers) {
        Instant testNow = timerClock.override();
        return withNow(jdbc.sql("""
                        SELECT timer_id, kind, claim_id, due_at, payload, attempts FROM durable_timer
                        WHERE state = 'PENDING' AND due_at <= %s AND kind IN (:kinds)
                            AND mod(hashtext(claim_id)::bigint + 2147483648, :workers) = :worker
                        ORDER BY due_at LIMIT :limit
                        """.formatted(now(testNow))), testNow)
                .param("kinds", handlers.keySet())
                .param("workers", workers)
                .param("worker", worker)
                .param("limit", settings.batchSize())
                .query((rs, n) -> new DueTimer(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6) + 1))
                .list();
    }

    private boolean fireIfStillDue(DueTimer candidate) {
        TimerHandler handler = handlers.get(candidate.kind());
        try {
            Optional<Duration> firedLate = transactions.execute(status -> {
                boolean claimFree = jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock, hashtext(:claimId))")
                        .param("lock", CLAIM_FIRING_LOCK).param("claimId", candidate.claimId())
                        .query(Boolean.class).single();
                if (!claimFree) {
                    return Optional.<Duration>empty(); // another poller is firing a timer of this claim
                }
                handler.lockSubject(candidate);
                Instant testNow = timerClock.override();
                Optional<DueTimer> timer = withNow(jdbc.sql("""
                                SELECT timer_id, kind, claim_id, due_at, payload, attempts FROM durable_timer
                                WHERE timer_id = :timerId AND state = 'PENDING' AND due_at <= %s FOR UPDATE
                                """.formatted(now(testNow))), testNow)
                        .param("timerId", candidate.timerId())
                        .query((rs, n) -> new DueTimer(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6) + 1))
                        .optional();
                if (timer.isEmpty()) {
                    return Optional.<Duration>empty(); // fired elsewhere, cancelled or moved meanwhile
                }
                handler.onDue(timer.get());
                Long lateMillis = withNow(jdbc.sql("""
                                UPDATE durable_timer SET state = 'FIRED', fired_at = now(), finished_at = now(),
                                    attempts = :attempts
                                WHERE timer_id = :timerId
                                RETURNING (extract(epoch FROM %s - due_at) * 1000)::bigint
                                """.formatted(now(testNow))), testNow)
                        .param("attempts", timer.get().attempt()).param("timerId", candidate.timerId())
                        .query(Long.class).single();
                return Optional.of(Duration.ofMillis(Math.max(0, lateMillis)));
            });
            if (firedLate == null || firedLate.isEmpty()) {
                return false;
            }
            lateness.record(firedLate.get());
            meters.counter("cpor.timers.fired", "kind", candidate.kind()).increment();
            return true;
        } catch (RuntimeException e) {
            recordFailure(candidate, e);
            return false;
        }
    }

    private void recordFailure(DueTimer timer, RuntimeException failure) {
        boolean giveUp = timer.attempt() >= settings.maxAttempts();
        log.error("Timer {} ({}) of claim {} failed on attempt {}{}", timer.timerId(), timer.kind(), timer.claimId(),
                timer.attempt(), giveUp ? "; parked as FAILED" : "; will retry", failure);
        Instant testNow = timerClock.override();
        transactions.executeWithoutResult(status -> withNow(jdbc.sql("""
                        UPDATE durable_timer SET attempts = :attempts, last_error = :error, state = :state,
                            due_at = CASE WHEN :giveUp THEN due_at
                                ELSE %s + :backoffMillis * interval '1 millisecond' END
                        WHERE timer_id = :timerId AND state = 'PENDING'
                        """.formatted(now(testNow))), testNow)
                .param("attempts", timer.attempt())
                .param("error", String.valueOf(failure.getMessage()))
                .param("state", giveUp ? "FAILED" : "PENDING")
                .param("giveUp", giveUp)
                .param("backoffMillis", settings.retryBackoff().toMillis())
                .param("timerId", timer.timerId())
                .update());
        meters.counter("cpor.timers.failures", "kind", timer.kind()).increment();
    }

    /** The database clock, or the test clock's instant bound as {@code :timerNow}. */
    private static String now(Instant testNow) {
        return testNow == null ? "clock_timestamp()" : "CAST(:timerNow AS timestamptz)";
    }

    private static JdbcClient.StatementSpec withNow(JdbcClient.StatementSpec statement, Instant testNow) {
        return testNow == null ? statement : statement.param("timerNow", Timestamp.from(testNow));
    }

    private double count(String gauge) {
        return jdbc.sql(gaugeQueries().get(gauge)).query(Long.class).single();
    }

    /**
     * One worker polls and fires everything. With several, the scout (thread 0) polls and wakes the worker of each
     * share with due timers; worker {@code i} (thread {@code i}) fires share {@code i - 1} when woken for it.
     */
    @Override
    protected void round() {
        int workers = settings.workers();
        if (workers <= 1) {
            fireDue(0, 1);
            return;
        }
        int thread = currentWorker();
        if (thread == 0) {
            for (int share : sharesWithDueTimers(workers)) {
                dueSeen.get(share).set(true);
                wakeUp(share + 1);
            }
        } else if (dueSeen.get(thread - 1).getAndSet(false)) {
            fireDue(thread - 1, workers);
        }
    }

    /** The shares (0 to workers - 1) that have at least one due timer of a kind this instance handles: one query. */
    private List<Integer> sharesWithDueTimers(int workers) {
        if (handlers.isEmpty()) {
            return List.of();
        }
        Instant testNow = timerClock.override();
        return withNow(jdbc.sql("""
                        SELECT share FROM generate_series(0, :workers - 1) AS share
                        WHERE EXISTS (SELECT 1 FROM durable_timer
                                      WHERE state = 'PENDING' AND due_at <= %s AND kind IN (:kinds)
                                          AND mod(hashtext(claim_id)::bigint + 2147483648, :workers) = share)
                        """.formatted(now(testNow))), testNow)
                .param("kinds", handlers.keySet())
                .param("workers", workers)
                .query(Integer.class)
                .list();
    }
}
