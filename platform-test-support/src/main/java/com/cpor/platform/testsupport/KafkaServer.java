package com.cpor.platform.testsupport;

/** A real Kafka broker for tests. */
public interface KafkaServer {

    void start();

    void stop();

    String bootstrapServers();
}
