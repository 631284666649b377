package com.cpor.platform.config;

import com.cpor.platform.messaging.DependencyFailures;
import com.cpor.platform.messaging.PoisonEventException;
import com.cpor.platform.messaging.UnknownEventTypeException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/** What a listener failure leads to: outages waited out, poison dead-lettered, unknown event types skipped. */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class DeadLetterAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAutoConfiguration.class);

    /**
     * What a listener failure leads to:
     * <ul>
     * <li>the database or broker is unavailable (connection refused or timed out, fail-over, deadlock, serialization
     * failure, Kafka timeout): retried with capped exponential back-off until it is back, never skipped, so the
     * partition - and with it each claim's events - waits in order;</li>
     * <li>poison (unreadable, malformed, a business-rule violation): straight to {@code <topic>-dlt} with the
     * failure in its headers;</li>
     * <li>a well-formed event of a type this version does not know (a newer producer in a rolling upgrade): skipped
     * and counted;</li>
     * <li>anything else: bounded retries, then the dead-letter topic.</li>
     * </ul>
     * Each attempt is one poll: the handler seeks back and sleeps at most {@code unavailable-retry-max-interval},
     * which must stay well below {@code max.poll.interval.ms} so the consumer keeps its group membership.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(KafkaTemplate<Object, Object> kafkaTemplate,
                                                  ConsumerFactory<?, ?> consumers,
                                                  PlatformProperties properties, MeterRegistry meters) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate);
        PlatformProperties.Messaging settings = properties.messaging();
        requireBackOffWithinPollInterval(settings.unavailableRetryMaxInterval(), consumers);
        ExponentialBackOff bounded = backOff(settings.retryInitialInterval(), settings.retryMaxInterval());
        bounded.setMaxAttempts(settings.retries());
        // no attempt limit and no elapsed-time limit: an outage is waited out however long it lasts
        ExponentialBackOff untilAvailable = backOff(settings.retryInitialInterval(),
                settings.unavailableRetryMaxInterval());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            UnknownEventTypeException unknown = DependencyFailures.unknownEventType(failure);
            if (unknown != null) {
                log.warn("Skipping {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                        record.key(), unknown.getMessage());
                meters.counter("cpor.kafka.skipped.events", "topic", record.topic(), "type", unknown.type())
                        .increment();
                return;
            }
            log.error("Dead-lettering {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                    record.key(), failure.getMessage());
            meters.counter("cpor.kafka.dead.lettered", "topic", record.topic()).increment();
            deadLetters.accept(record, failure);
        }, bounded);
        // at 0 from the start for every topic read, so that increase() alerts see the first dead letter after a restart
        settings.consumes().forEach(topic -> meters.counter("cpor.kafka.dead.lettered", "topic", topic));
        handler.setBackOffFunction((record, failure) ->
                DependencyFailures.isUnavailable(failure) ? untilAvailable : bounded);
        handler.addNotRetryableExceptions(PoisonEventException.class, UnknownEventTypeException.class);
        return handler;
    }

    private static ExponentialBackOff backOff(Duration initial, Duration max) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(Math.max(initial.toMillis(), max.toMillis()));
        return backOff;
    }

    /** The back-off sleeps on the consumer thread: half the poll interval leaves the other half for the attempt. */
    private static void requireBackOffWithinPollInterval(Duration maxBackOff, ConsumerFactory<?, ?> consumers) {
        Object configured = consumers.getConfigurationProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long maxPollInterval = configured == null ? 300_000L : Long.parseLong(configured.toString());
        if (maxBackOff.toMillis() * 2 > maxPollInterval) {
            throw new IllegalStateException("cpor.messaging.unavailable-retry-max-interval (" + maxBackOff
                    + ") must be at most half of max.poll.interval.ms (" + maxPollInterval + " ms): a longer sleep"
                    + " between attempts would make the consumer leave its group");
        }
    }
}
