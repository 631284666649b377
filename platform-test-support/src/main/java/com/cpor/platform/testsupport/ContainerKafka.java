package com.cpor.platform.testsupport;

import com.cpor.devinfra.KafkaServer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka in KRaft mode in a container, when a Docker engine is available: the broker version of the client library. */
final class ContainerKafka implements KafkaServer {

    static final String IMAGE = "apache/kafka-native:" + AppInfoParser.getVersion();

    private final KafkaContainer container = new KafkaContainer(IMAGE)
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
