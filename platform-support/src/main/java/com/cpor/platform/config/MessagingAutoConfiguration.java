package com.cpor.platform.config;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.CalendarProperties;
import com.cpor.platform.inbox.Inbox;
import com.cpor.platform.messaging.EventDeserializer;
import com.cpor.platform.messaging.EventSerializer;
import com.cpor.platform.messaging.KafkaHealthIndicator;
import com.cpor.platform.messaging.PoisonEventException;
import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.outbox.OutboxRelay;
import com.cpor.platform.timers.DurableTimers;
import com.cpor.platform.timers.TimerHandler;
import com.cpor.platform.timers.TimerPoller;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The messaging foundation every service gets by depending on platform-support: event serialisation,
 * outbox and relay, inbox, bounded retries with dead-letter topics, topic creation, durable timers.
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
    DefaultKafkaProducerFactoryCustomizer eventProducerSettings() {
        return producerFactory -> {
            producerFactory.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5));
            useEventSerializers(producerFactory);
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer eventConsumerSettings(@Value("${spring.application.name}") String serviceName) {
        return consumerFactory -> {
            consumerFactory.updateConfigs(Map.of(
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
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
     * Bounded retries with exponential back-off, then the record goes to {@code <topic>-dlt} with the failure
     * in its headers. Unreadable records and poison events skip the retries. The partition keeps flowing.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler deadLetteringErrorHandler(KafkaTemplate<Object, Object> kafkaTemplate,
                                                  PlatformProperties properties, MeterRegistry meters) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate);
        PlatformProperties.Messaging settings = properties.messaging();
        ExponentialBackOff backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        backOff.setMaxAttempts(settings.retries());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            log.error("Dead-lettering {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                    record.key(), failure.getMessage());
            meters.counter("cpor.kafka.dead.lettered", "topic", record.topic()).increment();
            deadLetters.accept(record, failure);
        }, backOff);
        handler.addNotRetryableExceptions(PoisonEventException.class);
        return handler;
    }

    /** Named {@code kafka}: part of the readiness group (see {@link PlatformDefaults}). */
    @Bean(name = "kafka")
    @ConditionalOnMissingBean(name = "kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    /** The topics this service writes, and the dead-letter topics of those it reads. */
    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformProperties properties) {
        PlatformProperties.Messaging settings = properties.messaging();
        List<NewTopic> topics = new ArrayList<>();
        Stream.concat(settings.publishes().stream(), settings.consumes().stream().map(Topics::deadLetterOf))
                .distinct()
                .forEach(name -> topics.add(TopicBuilder.name(name).partitions(settings.partitions())
                        .replicas(settings.replicationFactor()).build()));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
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

    @Bean
    DurableTimers durableTimers(JdbcClient jdbc) {
        return new DurableTimers(jdbc);
    }

    @Bean
    TimerPoller timerPoller(JdbcClient jdbc, TransactionTemplate transactions, List<TimerHandler> handlers,
                            PlatformProperties properties, Clock clock, MeterRegistry meters) {
        return new TimerPoller(jdbc, transactions, handlers, properties.timers(), clock, meters);
    }
}
