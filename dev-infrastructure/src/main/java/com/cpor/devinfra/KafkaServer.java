package com.cpor.devinfra;

/** A real Kafka broker for tests. */
public interface KafkaServer {

    void start();

    void stop();

    String bootstrapServers();
}
