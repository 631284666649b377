package com.cpor.platform.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** Kafka in KRaft mode in a container, when a Docker engine is available. */
final class ContainerKafka implements KafkaServer {

    private final KafkaContainer container = new KafkaContainer("apache/kafka-native:3.8.0")
            // as in production: topics exist because a service declared them, never because someone read
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }
}
