package com.cpor.platform.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long consumed-event ids and finished timers are kept, under {@code cpor.retention.*}.
 *
 * @param enabled   whether this instance purges (one instance at a time does, whichever holds the lock)
 * @param interval  pause between purge rounds
 * @param batchSize rows deleted per transaction, so a purge never holds long locks or a long transaction
 * @param inbox     age after which an inbox row (a consumed event's id) is deleted. A redelivery of an event
 *                  older than this is applied again, so it must exceed how long anything can be redelivered: the
 *                  topics' and dead-letter topics' retention ({@code cpor.messaging.retention},
 *                  {@code cpor.messaging.dead-letter-retention}); start-up refuses a shorter value
 * @param timers    age after which a fired or cancelled timer is deleted (failed timers stay for an operator)
 */
@ConfigurationProperties("cpor.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("45d") Duration inbox,
        @DefaultValue("30d") Duration timers) {
}
