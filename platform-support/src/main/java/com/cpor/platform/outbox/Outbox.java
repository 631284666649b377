package com.cpor.platform.outbox;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import com.cpor.platform.messaging.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.util.function.Supplier;

/**
 * Records outgoing events in the same database transaction as the state change that caused them.
 * The {@link OutboxRelay} publishes them after commit; nothing is ever "saved then sent".
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final Runnable relayWakeUp;
    private final Supplier<String> currentTraceParent;

    /**
     * @param currentTraceParent the W3C {@code traceparent} of the current span, or null outside a trace
     */
    public Outbox(JdbcClient jdbc, Runnable relayWakeUp, Supplier<String> currentTraceParent) {
        this.jdbc = jdbc;
        this.relayWakeUp = relayWakeUp;
        this.currentTraceParent = currentTraceParent;
    }

    /** Must be called inside the transaction that changes the state the event reports. */
    public void append(CporEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append needs the transaction of the state change it reports");
        }
        jdbc.sql("""
                        INSERT INTO outbox_event (event_id, topic, message_key, event_type, payload, occurred_at,
                                                  trace_parent)
                        VALUES (:eventId, :topic, :key, :type, :payload, :occurredAt, :traceParent)
                        """)
                .param("eventId", event.eventId())
                .param("topic", Topics.topicOf(event.getClass()))
                .param("key", event.claimId())
                .param("type", event.typeName())
                .param("payload", EventJson.write(event))
                .param("occurredAt", Timestamp.from(event.occurredAt()))
                .param("traceParent", currentTraceParent.get())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relayWakeUp.run();
            }
        });
    }
}
