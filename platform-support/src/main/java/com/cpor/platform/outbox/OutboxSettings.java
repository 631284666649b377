package com.cpor.platform.outbox;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the outbox relay publishes ({@code cpor.outbox.*}, bound as part of the platform's properties).
 *
 * @param pollInterval     how soon the relay tries again after a failed round, or while another instance relays
 * @param idlePollInterval how long the relay waits for rows when no commit of this instance wakes it: each instance
 *                         relays what it appends, so this only catches rows of an instance that stopped first
 * @param batchSize        rows published per round trip
 * @param sendTimeout      how long the relay waits for the broker's acknowledgement of a batch; also bounds the
 *                         relay's database transaction (and its advisory lock): rows not acknowledged by then
 *                         stay for the next round
 */
public record OutboxSettings(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration idlePollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("30s") Duration sendTimeout) {
}
