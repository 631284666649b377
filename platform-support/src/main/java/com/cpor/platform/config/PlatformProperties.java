package com.cpor.platform.config;

import com.cpor.platform.outbox.OutboxSettings;
import com.cpor.platform.timers.TimerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings shared by every service, under {@code cpor.*}.
 *
 * @param messaging which topics the service writes and reads, and how it treats failures
 * @param outbox    how the outbox relay publishes
 * @param timers    how durable timers are polled and retried
 */
@ConfigurationProperties("cpor")
public record PlatformProperties(
        @DefaultValue Messaging messaging,
        @DefaultValue @NestedConfigurationProperty OutboxSettings outbox,
        @DefaultValue @NestedConfigurationProperty TimerSettings timers) {

    /**
     * @param publishes       topics this service is the single writer of (created on start-up)
     * @param consumes        topics this service reads; they and their dead-letter topics are created on start-up
     *                        too, so a consumer never subscribes to a topic that does not exist yet
     * @param partitions      partitions of created topics; a claim's events share one partition (key = claim id)
     * @param replicationFactor replication of created topics (3 in production; 1 only on a single-broker stack)
     * @param retries         delivery attempts after the first before a record that failed for an unexpected
     *                        reason is dead-lettered
     * @param retryInitialInterval first back-off between attempts; doubles up to {@code retryMaxInterval}
     * @param minInsyncReplicas replicas that must have a record before the broker acknowledges it ({@code acks=all})
     * @param retention       how long created topics keep records ({@code retention.ms})
     * @param deadLetterRetention how long {@code -dlt} topics keep records: long enough to notice, fix and replay
     * @param unavailableRetryMaxInterval longest back-off while a listener waits out an unavailable database or
     *                        broker (retried without limit, the record is never skipped)
     */
    public record Messaging(
            @DefaultValue List<String> publishes,
            @DefaultValue List<String> consumes,
            @DefaultValue("3") int partitions,
            @DefaultValue("3") short replicationFactor,
            @DefaultValue("4") int retries,
            @DefaultValue("200ms") Duration retryInitialInterval,
            @DefaultValue("5s") Duration retryMaxInterval,
            @DefaultValue("2") int minInsyncReplicas,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("30d") Duration deadLetterRetention,
            @DefaultValue("30s") Duration unavailableRetryMaxInterval) {
    }
}
