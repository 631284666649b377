package com.cpor.devinfra;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/** An in-JVM KRaft broker (spring-kafka-test), used when no Docker engine is available. Does not auto-create topics. */
final class EmbeddedKafka implements KafkaServer {

    private final EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1) // num.partitions 1, a broker's default
            .brokerProperties(Map.of(
                    // as in production: topics exist because a service declared them, never because someone read
                    "auto.create.topics.enable", "false",
                    "group.initial.rebalance.delay.ms", "0",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "offsets.topic.replication.factor", "1"));

    @Override
    public void start() {
        broker.afterPropertiesSet();
    }

    @Override
    public void stop() {
        broker.destroy();
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }
}
