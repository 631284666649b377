package com.cpor.platform.config;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.BusinessCalendars;
import com.cpor.platform.calendar.CalendarProperties;
import com.cpor.platform.inbox.Inbox;
import com.cpor.platform.messaging.DependencyFailures;
import com.cpor.platform.messaging.EventDeserializer;
import com.cpor.platform.messaging.EventSerializer;
import com.cpor.platform.messaging.KafkaHealthIndicator;
import com.cpor.platform.messaging.PoisonEventException;
import com.cpor.platform.messaging.UnknownEventTypeException;
import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The messaging foundation every service gets by depending on platform-support: event serialisation,
 * outbox and relay, inbox, retries (outages waited out, poison dead-lettered), topic creation, durable timers.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({PlatformProperties.class, CalendarProperties.class})
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    BusinessCalendar businessCalendar(CalendarProperties properties) {
        return properties.toCalendar();
    }

    @Bean
    @ConditionalOnMissingBean
    BusinessCalendars businessCalendars(BusinessCalendar team) {
        return new BusinessCalendars(team);
    }

    /** Runs the platform's own migrations (outbox, inbox, timers) before the service's, with their own history. */
    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy platformFirstMigrationStrategy() {
        return serviceFlyway -> {
            Flyway.configure()
                    .dataSource(serviceFlyway.getConfiguration().getDataSource())
                    .locations("classpath:db/platform")
                    .table("platform_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            // the schema already holds the platform tables: start the service's history below its V1
            Flyway.configure().configuration(serviceFlyway.getConfiguration())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        };
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer eventProducerSettings(PlatformProperties properties) {
        return producerFactory -> {
            producerFactory.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    // send() blocks for metadata while the broker is away: never longer than the relay's send
                    // timeout, which bounds the relay's transaction
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.outbox().sendTimeout().toMillis()));
            useEventSerializers(producerFactory);
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer eventConsumerSettings(@Value("${spring.application.name}") String serviceName) {
        return consumerFactory -> {
            consumerFactory.updateConfigs(Map.of(
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // topics are created with their settings by the services that declare them, never by a read
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
            if (!consumerFactory.getConfigurationProperties().containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
                consumerFactory.updateConfigs(Map.of(ConsumerConfig.GROUP_ID_CONFIG, serviceName));
            }
            useEventDeserializers(consumerFactory);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void useEventSerializers(DefaultKafkaProducerFactory<?, ?> factory) {
        DefaultKafkaProducerFactory<String, Object> events = (DefaultKafkaProducerFactory) factory;
        events.setKeySerializerSupplier(StringSerializer::new);
        events.setValueSerializerSupplier(EventSerializer::new);
    }

    /** Unreadable records become a DeserializationException the error handler dead-letters at once. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void useEventDeserializers(DefaultKafkaConsumerFactory<?, ?> factory) {
        DefaultKafkaConsumerFactory<String, CporEvent> events = (DefaultKafkaConsumerFactory) factory;
        events.setKeyDeserializerSupplier(StringDeserializer::new);
        events.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new EventDeserializer()));
    }

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

    /**
     * Named {@code kafka}: shown in {@code /actuator/health} but not part of readiness (see {@link PlatformDefaults}):
     * the outbox buffers writes while the broker is away.
     */
    @Bean(name = "kafka")
    @ConditionalOnMissingBean(name = "kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    /**
     * The topics this service writes and reads, and the dead-letter topics of those it reads, all with the same
     * partitions and explicit retention, replication and {@code min.insync.replicas}. Declaring what it reads means
     * a consumer never subscribes to a missing topic, whatever order the services start in (brokers do not
     * auto-create topics: an auto-created topic has the broker's partition count and defaults).
     */
    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformProperties properties) {
        PlatformProperties.Messaging settings = properties.messaging();
        List<NewTopic> topics = new ArrayList<>();
        Stream.concat(settings.publishes().stream(), settings.consumes().stream())
                .distinct()
                .forEach(name -> topics.add(topic(name, settings.retention(), settings)));
        settings.consumes().stream().map(Topics::deadLetterOf).distinct()
                .forEach(name -> topics.add(topic(name, settings.deadLetterRetention(), settings)));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, Duration retention, PlatformProperties.Messaging settings) {
        return TopicBuilder.name(name)
                .partitions(settings.partitions())
                .replicas(settings.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas()))
                .build();
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<Object, Object> kafkaTemplate,
                            PlatformProperties properties, @Value("${spring.application.name}") String serviceName,
                            Clock clock, MeterRegistry meters) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        KafkaTemplate<String, Object> events = (KafkaTemplate) kafkaTemplate;
        return new OutboxRelay(jdbc, transactions, events, properties.outbox(), serviceName, clock, meters);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay, ObjectProvider<Tracer> tracer,
                  ObjectProvider<Propagator> propagator) {
        return new Outbox(jdbc, relay::wakeUp, () -> currentTraceParent(tracer.getIfAvailable(),
                propagator.getIfAvailable()));
    }

    /** The W3C {@code traceparent} of the current span, as the propagator would send it, or null. */
    static String currentTraceParent(Tracer tracer, Propagator propagator) {
        if (tracer == null || propagator == null || tracer.currentTraceContext().context() == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(tracer.currentTraceContext().context(), headers, Map::put);
        return headers.get("traceparent");
    }

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        return new Inbox(jdbc, transactions, meters);
    }
}
