package com.cpor.platform.outbox;

import com.cpor.platform.background.PollingLoop;
import com.cpor.platform.config.PlatformProperties;
import com.cpor.platform.messaging.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka in commit order and deletes them once the broker acknowledged them
 * ({@code acks=all}, idempotent producer). A transaction-scoped advisory lock lets only one instance relay
 * at a time, which keeps each claim's events in order. A crash after sending and before deleting re-sends
 * the batch: consumers are idempotent on {@code eventId}.
 */
public class OutboxRelay extends PollingLoop {

    /** Arbitrary constant shared by all instances of a service (each service has its own database). */
    private static final long RELAY_LOCK_KEY = 0x0C90_0B0EL;
    private static final String TRACE_PARENT = "traceparent";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, Object> kafka;
    private final PlatformProperties.Outbox settings;
    private final String source;
    private final Clock clock;
    private final Counter published;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
                       PlatformProperties.Outbox settings, String serviceName, Clock clock, MeterRegistry meters) {
        super("outbox-relay", settings.pollInterval(), settings.relayEnabled());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.source = "/cpor/" + serviceName;
        this.clock = clock;
        this.published = Counter.builder("cpor.outbox.published").description("Events published from the outbox")
                .register(meters);
        Gauge.builder("cpor.outbox.backlog", this, OutboxRelay::backlog)
                .description("Outbox rows not yet acknowledged by Kafka").register(meters);
        Gauge.builder("cpor.outbox.oldest.age.seconds", this, OutboxRelay::oldestAgeSeconds)
                .description("Age of the oldest unpublished outbox row").register(meters);
    }

    /**
     * Publishes everything currently in the outbox.
     *
     * @return the number of events published
     */
    public int publishPending() {
        int total = 0;
        int batch;
        do {
            batch = publishBatch();
            total += batch;
        } while (batch == settings.batchSize() && isRunning());
        return total;
    }

    private int publishBatch() {
        Integer count = transactions.execute(status -> {
            boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(RELAY_LOCK_KEY)
                    .query(Boolean.class).single();
            if (!locked) {
                return 0;
            }
            List<OutboxRow> rows = jdbc.sql("""
                            SELECT sequence_number, event_id, topic, message_key, event_type, payload, occurred_at,
                                   trace_parent
                            FROM outbox_event ORDER BY sequence_number LIMIT ?
                            """)
                    .param(settings.batchSize())
                    .query((rs, n) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getString(8)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            // exactly the rows sent: a row with a lower sequence number may have committed meanwhile
            jdbc.sql("DELETE FROM outbox_event WHERE sequence_number IN (:sent)")
                    .param("sent", rows.stream().map(OutboxRow::sequenceNumber).toList())
                    .update();
            return rows.size();
        });
        int sent = count == null ? 0 : count;
        published.increment(sent);
        return sent;
    }

    private void send(List<OutboxRow> rows) {
        List<CompletableFuture<SendResult<String, Object>>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acks.add(kafka.send(toRecord(row)));
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka acknowledgements", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch; it stays for the next try", e);
        }
    }

    private ProducerRecord<String, Object> toRecord(OutboxRow row) {
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
        return jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single();
    }

    private double oldestAgeSeconds() {
        return jdbc.sql("SELECT min(created_at) FROM outbox_event").query(Timestamp.class).optional()
                .map(oldest -> Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    /** Woken after each commit that appended events, so they go out without waiting for the next poll. */
    @Override
    protected void round() {
        publishPending();
    }

    private record OutboxRow(long sequenceNumber, String eventId, String topic, String key, String type,
                             String payload, Instant occurredAt, String traceParent) {
    }
}
