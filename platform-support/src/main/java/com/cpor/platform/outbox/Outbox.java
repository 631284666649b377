package com.cpor.platform.outbox;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import com.cpor.platform.messaging.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
        appendAll(List.of(event));
    }

    /**
     * Several events in one statement (a batch of timer firings), published in the given order. Must be called
     * inside the transaction that changes the state they report.
     */
    public void appendAll(List<? extends CporEvent> events) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append needs the transaction of the state change it reports");
        }
        if (events.isEmpty()) {
            return;
        }
        String traceParent = currentTraceParent.get();
        List<Object> values = new ArrayList<>(events.size() * 7);
        for (CporEvent event : events) {
            values.addAll(Arrays.asList(event.eventId(), Topics.topicOf(event.getClass()), event.claimId(),
                    event.typeName(), EventJson.write(event), Timestamp.from(event.occurredAt()), traceParent));
        }
        // one row per event, in order: the sequence numbers (the relay's publishing order) follow the list
        jdbc.sql("""
                        INSERT INTO outbox_event (event_id, topic, message_key, event_type, payload, occurred_at,
                                                  trace_parent)
                        VALUES %s
                        """.formatted(String.join(", ", Collections.nCopies(events.size(), "(?, ?, ?, ?, ?, ?, ?)"))))
                .params(values)
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relayWakeUp.run();
            }
        });
    }
}
