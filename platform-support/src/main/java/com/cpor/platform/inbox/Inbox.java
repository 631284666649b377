package com.cpor.platform.inbox;

import com.cpor.events.CporEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Consumer;

/**
 * Idempotent consumption: the consumed event's id is recorded in the same transaction as its effect,
 * so a redelivered event (after a crash, a rebalance or a replay) changes nothing.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    public Inbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
    }

    /**
     * Applies {@code effect} once per (consumer, event id); redeliveries are counted and skipped.
     *
     * @param consumer a stable name for the reacting component, e.g. {@code review-queue}
     * @return true if the effect ran, false if the event had been processed before
     */
    public <E extends CporEvent> boolean processOnce(String consumer, E event, Consumer<E> effect) {
        Boolean applied = transactions.execute(status -> {
            int inserted = jdbc.sql("""
                            INSERT INTO processed_event (consumer, event_id, event_type)
                            VALUES (?, ?, ?) ON CONFLICT DO NOTHING
                            """)
                    .params(consumer, event.eventId(), event.typeName())
                    .update();
            if (inserted == 0) {
                return false;
            }
            effect.accept(event);
            return true;
        });
        boolean firstDelivery = Boolean.TRUE.equals(applied);
        if (!firstDelivery) {
            log.info("Skipped redelivered event {} ({}) for {}", event.eventId(), event.typeName(), consumer);
        }
        meters.counter("cpor.inbox.events", "consumer", consumer, "type", event.typeName(),
                "outcome", firstDelivery ? "processed" : "duplicate").increment();
        return firstDelivery;
    }
}
