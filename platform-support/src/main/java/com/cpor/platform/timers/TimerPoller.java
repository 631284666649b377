package com.cpor.platform.timers;

import com.cpor.platform.background.PollingLoop;
import com.cpor.platform.config.PlatformProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fires due timers exactly once across all instances: due rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, and each firing (handler effects + FIRED mark) commits in a savepoint
 * of that transaction. A crash before commit leaves the timer PENDING, so it fires after restart.
 * A failing handler is retried with back-off and parked as FAILED after {@code maxAttempts}.
 * {@code workers} pollers run side by side, so a burst of due timers is not fired one round trip at a time.
 */
public class TimerPoller extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate batchTransaction;
    private final TransactionTemplate firingSavepoint;
    private final Map<String, TimerHandler> handlers;
    private final PlatformProperties.Timers settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer lateness;

    public TimerPoller(JdbcClient jdbc, TransactionTemplate transactions, List<TimerHandler> handlers,
                       PlatformProperties.Timers settings, Clock clock, MeterRegistry meters) {
        super("timer-poller", settings.pollInterval(), settings.enabled() && !handlers.isEmpty(), settings.workers());
        this.jdbc = jdbc;
        this.batchTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.firingSavepoint = new TransactionTemplate(transactions.getTransactionManager());
        this.firingSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.lateness = Timer.builder("cpor.timers.lateness").description("Firing time minus due time")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("cpor.timers.pending", this, poller -> poller.count("state = 'PENDING'"))
                .description("Timers waiting for their due time").register(meters);
        Gauge.builder("cpor.timers.overdue", this, poller -> poller.count("state = 'PENDING' AND due_at < now()"))
                .description("Timers past their due time and not yet fired").register(meters);
        Gauge.builder("cpor.timers.failed", this, poller -> poller.count("state = 'FAILED'"))
                .description("Timers parked after repeated handler failures").register(meters);
    }

    /** Fires every timer due now. @return the number fired */
    public int fireDueTimers() {
        int total = 0;
        int batch;
        do {
            batch = fireBatch();
            total += batch;
        } while (batch == settings.batchSize());
        return total;
    }

    private int fireBatch() {
        Integer claimed = batchTransaction.execute(status -> {
            List<DueTimer> due = jdbc.sql("""
                            SELECT timer_id, kind, claim_id, due_at, payload, attempts FROM durable_timer
                            WHERE state = 'PENDING' AND due_at <= ?
                            ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED
                            """)
                    .params(Timestamp.from(clock.instant()), settings.batchSize())
                    .query((rs, n) -> new DueTimer(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6) + 1))
                    .list();
            due.forEach(this::fire);
            return due.size();
        });
        return claimed == null ? 0 : claimed;
    }

    private void fire(DueTimer timer) {
        TimerHandler handler = handlers.get(timer.kind());
        try {
            firingSavepoint.executeWithoutResult(status -> {
                if (handler == null) {
                    throw new IllegalStateException("No handler for timer kind " + timer.kind());
                }
                handler.onDue(timer);
                jdbc.sql("UPDATE durable_timer SET state = 'FIRED', fired_at = ?, attempts = ? WHERE timer_id = ?")
                        .params(Timestamp.from(clock.instant()), timer.attempt(), timer.timerId()).update();
            });
            lateness.record(Duration.between(timer.dueAt(), clock.instant()));
            meters.counter("cpor.timers.fired", "kind", timer.kind()).increment();
        } catch (RuntimeException e) {
            recordFailure(timer, e);
        }
    }

    private void recordFailure(DueTimer timer, RuntimeException failure) {
        boolean giveUp = timer.attempt() >= settings.maxAttempts();
        log.error("Timer {} ({}) of claim {} failed on attempt {}{}", timer.timerId(), timer.kind(), timer.claimId(),
                timer.attempt(), giveUp ? "; parked as FAILED" : "; will retry", failure);
        jdbc.sql("""
                        UPDATE durable_timer SET attempts = ?, last_error = ?, state = ?, due_at = ?
                        WHERE timer_id = ?
                        """)
                .params(timer.attempt(), String.valueOf(failure.getMessage()), giveUp ? "FAILED" : "PENDING",
                        Timestamp.from(giveUp ? timer.dueAt() : clock.instant().plus(settings.retryBackoff())),
                        timer.timerId())
                .update();
        meters.counter("cpor.timers.failures", "kind", timer.kind()).increment();
    }

    private double count(String condition) {
        return jdbc.sql("SELECT count(*) FROM durable_timer WHERE " + condition).query(Long.class).single();
    }

    @Override
    protected void round() {
        fireDueTimers();
    }
}
