package com.cpor.devinfra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * A real Kafka broker (KRaft, in this JVM) and a real PostgreSQL (embedded binaries) without a Docker engine: what the
 * local stack runs on, and what tests use when no engine is there. The shared ones are started once per JVM.
 */
public final class EmbeddedInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static KafkaServer kafka;
    private static PostgresServer postgres;

    private EmbeddedInfrastructure() {
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            kafka = freshKafka();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
            log.info("Embedded Kafka at {}", kafka.bootstrapServers());
        }
        return kafka;
    }

    /** A broker of its own, started and empty (no topic yet); the caller stops it. */
    public static KafkaServer freshKafka() {
        KafkaServer fresh = new EmbeddedKafka();
        fresh.start();
        return fresh;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = new EmbeddedPostgresServer(null, 0);
            postgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "postgres-shutdown"));
        }
        return postgres;
    }

    /** PostgreSQL keeping its data in {@code dataDirectory} across restarts, on a fixed port (local stack). */
    public static PostgresServer persistentPostgres(Path dataDirectory, int port) {
        PostgresServer server = new EmbeddedPostgresServer(dataDirectory, port);
        server.start();
        return server;
    }
}
