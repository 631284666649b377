package com.cpor.platform.web.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code Idempotency-Key} on POST requests, under {@code cpor.idempotency.*}.
 *
 * @param enabled   whether POST requests with the header are answered once per key
 * @param retention how long a key is remembered: a retry within it gets the original answer, a later one runs
 *                  again; the retention purge deletes older keys, so the table does not grow without bound
 */
@ConfigurationProperties("cpor.idempotency")
public record IdempotencyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("24h") Duration retention) {
}
