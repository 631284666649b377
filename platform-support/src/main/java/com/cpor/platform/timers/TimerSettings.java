package com.cpor.platform.timers;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How durable timers are polled and retried ({@code cpor.timers.*}, bound as part of the platform's properties).
 *
 * @param pollInterval how often due timers are looked for
 * @param batchSize    timers fired per transaction
 * @param maxAttempts  failed firings before a timer is parked as FAILED for an operator
 * @param retryBackoff delay before a failed firing is tried again
 * @param workers      pollers firing concurrently in one instance (with more than one, a scout thread alone polls
 *                     and wakes the workers whose share has due timers): each firing waits on several database round
 *                     trips, so one thread leaves the machine idle while due timers pile up; SKIP LOCKED gives
 *                     every poller its own timers, exactly as between instances
 */
public record TimerSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("4") int workers) {
}
