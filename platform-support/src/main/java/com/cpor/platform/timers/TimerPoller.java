package com.cpor.platform.timers;

import com.cpor.platform.background.PollingLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fires due timers exactly once across all instances. A timer is due by the database clock
 * ({@code clock_timestamp()}; see {@link TimerClock} for tests), never by this instance's clock, so a clock that
 * jumps ahead on one instance fires nothing early.
 * <p>
 * Due timers are fired in batches (up to {@code batchSize}), one transaction per batch, taking their locks in one
 * order: try-locks on the claims (advisory locks, so pollers never wait for each other and a claim's timers fire one
 * poller at a time), then the handlers' subjects ({@link TimerHandler#lockSubjects}), then the timer rows, re-checked
 * under the lock (a user action may have cancelled one meanwhile). The handler fires the batch set-based if it can
 * ({@link TimerHandler#onAllDue}); its effects and the FIRED marks commit together, so a crash before commit leaves
 * the timers PENDING and they fire after restart. If the batch fails, nothing of it commits and each of its timers
 * is fired alone, in its own transaction with the same lock order: a failing handler is retried with back-off and
 * parked as FAILED after {@code maxAttempts}, while its neighbours fire. {@code workers} pollers run side by side,
 * each on its share of the claims; an instance only takes timers of kinds it has a handler for (a newer instance's
 * kinds wait for a newer instance during a rolling upgrade).
 * <p>
 * With several workers, one more thread (the scout, {@code timer-poller-0}) is the only one that polls, and only those
 * workers whose share has due timers are woken to fire them; a busy worker keeps firing its share batch after batch.
 * The scout (or the single worker) sleeps until the next timer is due, woken sooner when this instance schedules a
 * sooner one, and at most the idle poll interval (timers other instances schedule are fired by their own pollers):
 * an idle instance costs one query per idle poll interval, not several per second. While due timers wait (another
 * poller holds their claim, or they back off) it looks again every poll interval.
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
    private final Clock clock;
    private final Timer lateness;
    /** Per share: the scout saw due timers there and woke its worker. */
    private final List<AtomicBoolean> dueSeen;
    /** When the scout looks next (by {@link #clock}): a timer scheduled to fall due sooner wakes it. */
    private volatile Instant nextLook = Instant.MAX;

    /** @param clock the clock this instance schedules timers by, to tell whether a new one is due before the next look */
    public TimerPoller(JdbcClient jdbc, TransactionTemplate transactions, List<TimerHandler> handlers,
                       TimerSettings settings, TimerClock timerClock, MeterRegistry meters, Clock clock) {
        super("timer-poller", settings.pollInterval(), settings.enabled() && !handlers.isEmpty(),
                settings.workers() > 1 ? settings.workers() + 1 : 1);
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        this.settings = settings;
        this.timerClock = timerClock;
        this.meters = meters;
        this.clock = clock;
        this.dueSeen = IntStream.range(0, settings.workers()).mapToObj(share -> new AtomicBoolean()).toList();
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
            if (Thread.currentThread().isInterrupted()) {
                return total;
            }
            candidates = dueCandidates(worker, workers);
            fired = fireBatch(candidates);
            total += fired;
        } while (candidates.size() == settings.batchSize() && fired > 0);
        return total;
    }

    /**
     * Fires a batch of candidates in one transaction. If anything in it fails (a poison timer, a deadlock), none of
     * it commits and each candidate is fired alone in its own transaction, so the failing one is retried or parked
     * by itself while its neighbours fire.
     */
    private int fireBatch(List<DueTimer> candidates) {
        if (candidates.size() > 1) {
            try {
                List<FiredTimer> fired = transactions.execute(status -> fireTogether(candidates));
                fired.forEach(this::recordFiring);
                return fired.size();
            } catch (RuntimeException e) {
                log.warn("A batch of {} due timers failed ({}); firing them one at a time", candidates.size(),
                        e.toString());
            }
        }
        int fired = 0;
        for (DueTimer candidate : candidates) {
            if (Thread.currentThread().isInterrupted()) {
                return fired;
            }
            if (fireIfStillDue(candidate)) {
                fired++;
            }
        }
        return fired;
    }

    /**
     * One transaction, locks in the order of a single firing: try-locks on the batch's claims (claims another poller
     * is firing are left for later), the handlers' subjects, then the timer rows still due, re-checked under the lock.
     * The timers are then handed to their handlers in runs of one kind and distinct claims, in due order, and each run
     * is marked FIRED; a run with a claim an earlier run fired for is re-checked first (that firing may have
     * cancelled it).
     */
    private List<FiredTimer> fireTogether(List<DueTimer> candidates) {
        Set<String> claimsFree = new HashSet<>(jdbc.sql("""
                        SELECT claim_id FROM unnest(ARRAY[:claimIds]) AS claim(claim_id)
                        WHERE pg_try_advisory_xact_lock(:lock, hashtext(claim_id))
                        """)
                .param("claimIds", candidates.stream().map(DueTimer::claimId).distinct().toList())
                .param("lock", CLAIM_FIRING_LOCK)
                .query(String.class).list());
        List<DueTimer> ours = candidates.stream().filter(timer -> claimsFree.contains(timer.claimId())).toList();
        if (ours.isEmpty()) {
            return List.of();
        }
        ours.stream().collect(Collectors.groupingBy(DueTimer::kind, LinkedHashMap::new, Collectors.toList()))
                .forEach((kind, timers) -> handlers.get(kind).lockSubjects(timers));
        Instant testNow = timerClock.override();
        List<DueTimer> due = withNow(jdbc.sql("""
                        SELECT timer_id, kind, claim_id, due_at, payload, attempts FROM durable_timer
                        WHERE timer_id IN (:timerIds) AND state = 'PENDING' AND due_at <= %s
                        ORDER BY due_at, timer_id FOR UPDATE
                        """.formatted(now(testNow))), testNow)
                .param("timerIds", ours.stream().map(DueTimer::timerId).toList())
                .query(TimerPoller::dueTimer)
                .list();
        List<FiredTimer> fired = new ArrayList<>();
        Set<String> claimsFired = new HashSet<>();
        for (List<DueTimer> run : runs(due)) {
            if (run.stream().anyMatch(timer -> claimsFired.contains(timer.claimId()))) {
                run = stillPending(run);
            }
            if (run.isEmpty()) {
                continue;
            }
            handlers.get(run.getFirst().kind()).onAllDue(run);
            fired.addAll(markFired(run, testNow));
            run.forEach(timer -> claimsFired.add(timer.claimId()));
        }
        return fired;
    }

    /** Consecutive timers of one kind and distinct claims, in the given order. */
    private static List<List<DueTimer>> runs(List<DueTimer> timers) {
        List<List<DueTimer>> runs = new ArrayList<>();
        List<DueTimer> run = new ArrayList<>();
        Set<String> claims = new HashSet<>();
        for (DueTimer timer : timers) {
            if (!run.isEmpty() && (!run.getFirst().kind().equals(timer.kind()) || claims.contains(timer.claimId()))) {
                runs.add(run);
                run = new ArrayList<>();
                claims.clear();
            }
            run.add(timer);
            claims.add(timer.claimId());
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private List<DueTimer> stillPending(List<DueTimer> run) {
        Set<String> pending = new HashSet<>(jdbc.sql(
                        "SELECT timer_id FROM durable_timer WHERE timer_id IN (:timerIds) AND state = 'PENDING'")
                .param("timerIds", run.stream().map(DueTimer::timerId).toList())
                .query(String.class).list());
        return run.stream().filter(timer -> pending.contains(timer.timerId())).toList();
    }

    private List<FiredTimer> markFired(List<DueTimer> run, Instant testNow) {
        return withNow(jdbc.sql("""
                        UPDATE durable_timer SET state = 'FIRED', fired_at = now(), finished_at = now(),
                            attempts = attempts + 1
                        WHERE timer_id IN (:timerIds)
                        RETURNING kind, (extract(epoch FROM %s - due_at) * 1000)::bigint
                        """.formatted(now(testNow))), testNow)
                .param("timerIds", run.stream().map(DueTimer::timerId).toList())
                .query((rs, n) -> new FiredTimer(rs.getString(1), Duration.ofMillis(Math.max(0, rs.getLong(2)))))
                .list();
    }

    private void recordFiring(FiredTimer fired) {
        lateness.record(fired.late());
        meters.counter("cpor.timers.fired", "kind", fired.kind()).increment();
    }

    private record FiredTimer(String kind, Duration late) {
    }

    private static DueTimer dueTimer(ResultSet rs, int row) throws SQLException {
        return new DueTimer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getInt(6) + 1);
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
                .query(TimerPoller::dueTimer)
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
                        .query(TimerPoller::dueTimer)
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
            recordFiring(new FiredTimer(candidate.kind(), firedLate.get()));
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
     * A timer this instance scheduled has committed: if it falls due before the scout's next look, the scout looks
     * now (and then sleeps until it is due).
     */
    public void timerScheduled(Instant dueAt) {
        if (dueAt.isBefore(nextLook)) {
            wakeUp(0);
        }
    }

    /**
     * One worker polls and fires everything. With several, the scout (thread 0) polls and wakes the worker of each
     * share with due timers; worker {@code i} (thread {@code i}) fires share {@code i - 1} when woken for it.
     */
    @Override
    protected Duration round() {
        int workers = settings.workers();
        int thread = currentWorker();
        if (thread > 0) {
            if (dueSeen.get(thread - 1).getAndSet(false)) {
                fireDue(thread - 1, workers);
            }
            return settings.idlePollInterval(); // the scout wakes this worker when its share has due timers
        }
        nextLook = Instant.MAX; // until this look has planned the next, any timer scheduled meanwhile wakes it again
        Duration wait = look(workers);
        nextLook = clock.instant().plus(wait);
        return wait;
    }

    /** Fires (or has the workers fire) what is due now. @return how long to wait before the next look */
    private Duration look(int workers) {
        if (timerClock.override() != null) {
            fireOrWakeWorkers(workers); // a test moves time by hand: no due time to sleep until
            return pollInterval();
        }
        NextDue next = nextDue();
        if (next.dueNow()) {
            fireOrWakeWorkers(workers);
            if (workers <= 1) {
                next = nextDue(); // fired here, which took a while: from now (a scout's workers are still firing)
            }
        }
        return next.wait(pollInterval(), settings.idlePollInterval());
    }

    private void fireOrWakeWorkers(int workers) {
        if (workers <= 1) {
            fireDue(0, 1);
            return;
        }
        for (int share : sharesWithDueTimers(workers)) {
            dueSeen.get(share).set(true);
            wakeUp(share + 1);
        }
    }

    /** When the earliest pending timer of a kind this instance handles is due, and the earliest not due yet. */
    private NextDue nextDue() {
        if (handlers.isEmpty()) {
            return new NextDue(Optional.empty(), Optional.empty());
        }
        // rounded up to whole milliseconds, so a timer a fraction of one away is not taken for due; each minimum is
        // the first entry of the partial index on pending due times
        return jdbc.sql("""
                        WITH look AS (SELECT clock_timestamp() AS now)
                        SELECT ceil(extract(epoch FROM (SELECT min(due_at) FROM durable_timer
                                   WHERE state = 'PENDING' AND kind IN (:kinds)) - now) * 1000)::bigint,
                               ceil(extract(epoch FROM (SELECT min(due_at) FROM durable_timer
                                   WHERE state = 'PENDING' AND kind IN (:kinds) AND due_at > now) - now) * 1000)::bigint
                        FROM look
                        """)
                .param("kinds", handlers.keySet())
                .query((rs, row) -> new NextDue(millis(rs.getObject(1, Long.class)), millis(rs.getObject(2, Long.class))))
                .single();
    }

    private static Optional<Duration> millis(Long millis) {
        return Optional.ofNullable(millis).map(Duration::ofMillis);
    }

    /**
     * @param first       until the earliest pending timer is due (zero or less: due now); empty if none is pending
     * @param firstFuture until the earliest pending timer not due yet is due; empty if there is none
     */
    private record NextDue(Optional<Duration> first, Optional<Duration> firstFuture) {

        boolean dueNow() {
            return first.isPresent() && !first.get().isPositive();
        }

        /**
         * Until the next timer is due, at most the idle poll interval. While due timers wait (held by another poller
         * or instance, or being fired by the workers) at most the poll interval.
         */
        Duration wait(Duration pollInterval, Duration idlePollInterval) {
            Duration longest = dueNow() && pollInterval.compareTo(idlePollInterval) < 0 ? pollInterval
                    : idlePollInterval;
            return (dueNow() ? firstFuture : first).filter(untilDue -> untilDue.compareTo(longest) < 0).orElse(longest);
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
