package com.cpor.platform.timers;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How durable timers are polled and retried ({@code cpor.timers.*}, bound as part of the platform's properties).
 *
 * @param pollInterval     how soon due timers are looked for again while some wait (held by another poller or
 *                         instance, or failed and backing off)
 * @param idlePollInterval the longest a poller waits when no timer is due before then: it otherwise sleeps until
 *                         the next due time and is woken when this instance schedules a sooner one, so this only
 *                         catches sooner timers other instances scheduled (their own pollers fire them)
 * @param batchSize        timers fired per transaction, 1 to {@value #MAX_BATCH_SIZE} (a batch is fired with a few
 *                         statements that bind every timer's values: PostgreSQL takes at most 65,535 parameters each)
 * @param maxAttempts      failed firings before a timer is parked as FAILED for an operator
 * @param retryBackoff     delay before a failed firing is tried again
 * @param workers          pollers firing concurrently in one instance (with more than one, a scout thread alone polls
 *                         and wakes the workers whose share has due timers): each firing waits on several database round
 *                         trips, so one thread leaves the machine idle while due timers pile up; try-locks on the
 *                         claims give every poller its own timers, exactly as between instances
 */
public record TimerSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration idlePollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("4") int workers) {

    public static final int MAX_BATCH_SIZE = 1000;

    public TimerSettings {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("cpor.timers.batch-size must be 1 to " + MAX_BATCH_SIZE + ", not "
                    + batchSize);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("cpor.timers.workers must be at least 1, not " + workers);
        }
    }
}
