package com.cpor.platform.outbox;

import com.cpor.platform.background.PollingLoop;
import com.cpor.platform.messaging.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to Kafka in commit order and deletes them once the broker acknowledged them
 * ({@code acks=all}, idempotent producer). A transaction-scoped advisory lock lets only one instance relay
 * at a time, which keeps each claim's events in order. A crash after sending and before deleting re-sends
 * the batch: consumers are idempotent on {@code eventId}.
 * <p>
 * A row the broker refuses for good (too large, not serializable, invalid topic) is parked with its reason instead
 * of being retried forever in front of everything else; later rows of the same topic and key wait behind it until an
 * operator replays or discards it (docs/runbook.md), so a claim's events are never published out of order. Any other
 * failure, or no acknowledgement within the send timeout, leaves the row where it is for the next round. The send
 * timeout bounds the transaction (and with it the relay lock): a hung broker delays the relay, it never holds the lock.
 */
public class OutboxRelay extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /**
     * Key of the advisory lock the relaying instance holds ({@code pg_locks.objid}); an arbitrary constant shared by
     * all instances of a service (each service has its own database).
     */
    public static final long RELAY_LOCK_KEY = 0x0C90_0B0EL;
    private static final String TRACE_PARENT = "traceparent";
    /** Refusals no retry can change: the record itself is wrong for the broker. */
    private static final List<Class<? extends Throwable>> REFUSALS = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidTopicException.class, InvalidRecordException.class,
            SerializationException.class);
    private static final int MAX_REASON_LENGTH = 2000;
    /** Beyond the send timeout: PostgreSQL ends the relay's transaction itself should the relay ever stall. */
    private static final Duration TRANSACTION_MARGIN = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, Object> kafka;
    private final OutboxSettings settings;
    private final String source;
    private final Clock clock;
    private final Counter published;
    private final Counter parked;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
                       OutboxSettings settings, String serviceName, Clock clock, MeterRegistry meters) {
        super("outbox-relay", settings.pollInterval(), settings.relayEnabled());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.source = "/cpor/" + serviceName;
        this.clock = clock;
        this.published = Counter.builder("cpor.outbox.published").description("Events published from the outbox")
                .register(meters);
        this.parked = Counter.builder("cpor.outbox.parked.events")
                .description("Outbox rows set aside because the broker refused them for good").register(meters);
        Gauge.builder("cpor.outbox.backlog", this, OutboxRelay::backlog)
                .description("Outbox rows not yet acknowledged by Kafka (parked rows not included)").register(meters);
        Gauge.builder("cpor.outbox.oldest.age.seconds", this, OutboxRelay::oldestAgeSeconds)
                .description("Age of the oldest unpublished outbox row (parked rows not included)").register(meters);
        Gauge.builder("cpor.outbox.parked", this, OutboxRelay::parkedRows)
                .description("Outbox rows parked until an operator replays or discards them").register(meters);
    }

    /**
     * Publishes everything currently in the outbox that is not parked or waiting behind a parked row.
     *
     * @return the number of events published
     * @throws IllegalStateException if Kafka did not acknowledge some rows in time: they stay for the next round
     */
    public int publishPending() {
        return publishAll().published();
    }

    /** Publishes batch after batch while batches come full; says whether it stopped at another instance's lock. */
    private Relayed publishAll() {
        int total = 0;
        Batch batch;
        do {
            batch = publishBatch();
            total += batch.published();
            if (batch.unsettled() > 0) {
                throw new IllegalStateException(batch.unsettled() + " outbox rows not acknowledged by Kafka within "
                        + settings.sendTimeout() + " (" + batch.firstFailure() + "); they stay for the next round");
            }
        } while (batch.selected() == settings.batchSize() && isRunning());
        return new Relayed(total, batch.lockedElsewhere());
    }

    private Batch publishBatch() {
        Batch batch = transactions.execute(status -> {
            boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(RELAY_LOCK_KEY)
                    .query(Boolean.class).single();
            if (!locked) {
                return Batch.LOCKED_ELSEWHERE;
            }
            jdbc.sql("SELECT set_config('idle_in_transaction_session_timeout', ?, true)")
                    .param(settings.sendTimeout().plus(TRANSACTION_MARGIN).toMillis() + "ms")
                    .query(String.class).single();
            List<OutboxRow> rows = jdbc.sql("""
                            SELECT o.sequence_number, o.event_id, o.topic, o.message_key, o.event_type, o.payload,
                                   o.occurred_at, o.trace_parent
                            FROM outbox_event o
                            WHERE o.parked_at IS NULL
                              AND NOT EXISTS (SELECT 1 FROM outbox_event p
                                              WHERE p.parked_at IS NOT NULL AND p.topic = o.topic
                                                AND p.message_key = o.message_key
                                                AND p.sequence_number < o.sequence_number)
                            ORDER BY o.sequence_number LIMIT ?
                            """)
                    .param(settings.batchSize())
                    .query((rs, n) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getString(8)))
                    .list();
            if (rows.isEmpty()) {
                return Batch.NONE;
            }
            List<Outcome> outcomes = send(rows);
            List<Long> acknowledged = new ArrayList<>();
            int unsettled = 0;
            int refused = 0;
            String firstFailure = null;
            for (int i = 0; i < rows.size(); i++) {
                OutboxRow row = rows.get(i);
                Outcome outcome = outcomes.get(i);
                if (outcome.acknowledged()) {
                    acknowledged.add(row.sequenceNumber());
                } else if (outcome.refusal() != null) {
                    park(row, outcome.refusal());
                    refused++;
                } else if (outcome != Outcome.HELD) {
                    unsettled++;
                    firstFailure = firstFailure == null ? outcome.failure() : firstFailure;
                }
            }
            if (!acknowledged.isEmpty()) {
                // exactly the rows acknowledged: a row with a lower sequence number may have committed meanwhile
                jdbc.sql("DELETE FROM outbox_event WHERE sequence_number IN (:sent)")
                        .param("sent", acknowledged)
                        .update();
            }
            return new Batch(rows.size(), acknowledged.size(), refused, unsettled, firstFailure, false);
        });
        batch = batch == null ? Batch.NONE : batch;
        published.increment(batch.published());
        parked.increment(batch.parked());
        return batch;
    }

    private void park(OutboxRow row, String reason) {
        log.error("Parking outbox row {} (event {}, {} on {}, key {}): the broker refused it for good: {}. Later events"
                        + " of this key wait behind it; see docs/runbook.md#cporoutboxeventparked",
                row.sequenceNumber(), row.eventId(), row.type(), row.topic(), row.key(), reason);
        jdbc.sql("UPDATE outbox_event SET parked_at = now(), parked_reason = ? WHERE sequence_number = ?")
                .params(reason, row.sequenceNumber())
                .update();
    }

    /**
     * Sends the rows and waits for their acknowledgements until the send timeout, which also bounds how long
     * sending itself may take (a send blocks at most {@code max.block.ms}, set to the same timeout).
     */
    private List<Outcome> send(List<OutboxRow> rows) {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<CompletableFuture<SendResult<String, Object>>> acks = new ArrayList<>(rows.size());
        Set<String> failedKeys = new HashSet<>();
        for (OutboxRow row : rows) {
            if (System.nanoTime() - deadline >= 0) {
                break; // the rest stays for the next round, after the ones sent so far
            }
            String key = row.topic() + '\u0000' + row.key();
            if (failedKeys.contains(key)) {
                acks.add(null); // behind a failed row of its claim: held, so it cannot overtake it
                continue;
            }
            CompletableFuture<SendResult<String, Object>> ack = sendOne(row);
            // the client refuses too large or unserializable records at once: nothing of that claim behind them may go
            // out (the producer keeps the order of what it sends to a partition, not of what it refused)
            if (ack.isCompletedExceptionally()) {
                failedKeys.add(key);
            }
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.stream().filter(Objects::nonNull).toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // some failed or are still under way: each is looked at below
        }
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            outcomes.add(i < acks.size() ? outcomeOf(acks.get(i)) : Outcome.NOT_SENT);
        }
        return outcomes;
    }

    private CompletableFuture<SendResult<String, Object>> sendOne(OutboxRow row) {
        try {
            return kafka.send(toRecord(row, source));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Outcome outcomeOf(CompletableFuture<SendResult<String, Object>> ack) {
        if (ack == null) {
            return Outcome.HELD;
        }
        if (!ack.isDone()) {
            return Outcome.NOT_ACKNOWLEDGED;
        }
        if (!ack.isCompletedExceptionally()) {
            return Outcome.ACKNOWLEDGED;
        }
        Throwable failure = ack.exceptionNow();
        String refusal = refusalOf(failure);
        return new Outcome(false, refusal, describe(failure));
    }

    /** The broker's (or client's) reason if the record can never be published as it is, else null. */
    static String refusalOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<? extends Throwable> refusal : REFUSALS) {
                if (refusal.isInstance(cause)) {
                    String reason = describe(cause);
                    return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
                }
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** The record of a row: its payload, keyed by claim, with the CloudEvents attributes and the cause's trace. */
    static ProducerRecord<String, Object> toRecord(OutboxRow row, String source) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        header(record, CloudEventHeaders.ID, row.eventId());
        header(record, CloudEventHeaders.TYPE, row.type());
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.TIME, row.occurredAt().toString());
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.SUBJECT, row.key());
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        if (row.traceParent() != null) {
            // the trace of the request or event that caused this one, not the relay's own thread
            header(record, TRACE_PARENT, row.traceParent());
        }
        return record;
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private double backlog() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE parked_at IS NULL").query(Long.class).single();
    }

    private double parkedRows() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL").query(Long.class).single();
    }

    private double oldestAgeSeconds() {
        return jdbc.sql("SELECT min(created_at) FROM outbox_event WHERE parked_at IS NULL").query(Timestamp.class)
                .optional()
                .map(oldest -> Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    /**
     * Woken after each commit of this instance that appended events, so they go out at once; otherwise it looks only
     * every idle poll interval (for rows of an instance that stopped before relaying them). While another instance
     * holds the relay lock, that instance may have read its rows before this instance's commit: look again soon.
     */
    @Override
    protected Duration round() {
        return publishAll().lockedElsewhere() ? pollInterval() : settings.idlePollInterval();
    }

    /** What became of one row: acknowledged, refused for good (parked), or neither for now. */
    private record Outcome(boolean acknowledged, String refusal, String failure) {
        static final Outcome ACKNOWLEDGED = new Outcome(true, null, null);
        static final Outcome NOT_ACKNOWLEDGED = new Outcome(false, null, "no acknowledgement in time");
        static final Outcome NOT_SENT = new Outcome(false, null, "not sent before the send timeout");
        static final Outcome HELD = new Outcome(false, null, null);
    }

    private record Relayed(int published, boolean lockedElsewhere) {
    }

    private record Batch(int selected, int published, int parked, int unsettled, String firstFailure,
                         boolean lockedElsewhere) {
        static final Batch NONE = new Batch(0, 0, 0, 0, null, false);
        static final Batch LOCKED_ELSEWHERE = new Batch(0, 0, 0, 0, null, true);
    }

    record OutboxRow(long sequenceNumber, String eventId, String topic, String key, String type,
                             String payload, Instant occurredAt, String traceParent) {
    }
}
