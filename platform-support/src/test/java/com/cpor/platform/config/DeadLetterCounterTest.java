package com.cpor.platform.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterCounterTest {

    @Test
    void the_dead_letter_counter_of_every_topic_read_exists_at_zero_before_the_first_dead_letter() {
        PlatformProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "cpor.messaging.consumes", "cpor.claims.v1,cpor.reviews.v1")))
                .bindOrCreate("cpor", PlatformProperties.class);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        new DeadLetterAutoConfiguration().deadLetteringErrorHandler(
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())),
                new DefaultKafkaConsumerFactory<>(Map.of()), properties, meters);

        for (String topic : new String[] {"cpor.claims.v1", "cpor.reviews.v1"}) {
            assertThat(meters.find("cpor.kafka.dead.lettered").tag("topic", topic).counter()).as(topic)
                    .isNotNull().extracting(counter -> counter.count()).isEqualTo(0.0);
        }
    }
}
