package com.cpor.platform.config;

import com.cpor.events.CporEvent;
import com.cpor.platform.messaging.EventDeserializer;
import com.cpor.platform.messaging.EventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import java.util.Map;

/**
 * Spring Boot's Kafka producer and consumer, set up for events: keys are claim ids, values CloudEvents-style JSON;
 * every write acknowledged by all in-sync replicas, idempotent; reads from the start of a new group, committed by
 * the listener, never creating a topic; the service name as the consumer group.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class EventClientsAutoConfiguration {

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
}
