package com.cpor.platform.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** Kafka in KRaft mode in a container, when a Docker engine is available. */
final class ContainerKafka implements KafkaServer {

    private final KafkaContainer container = new KafkaContainer("apache/kafka-native:3.8.0");

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
