package com.cpor.platform.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;

/**
 * One way for every test (and the local stack) to get a real Kafka broker and a real PostgreSQL:
 * Testcontainers when a Docker engine is available, otherwise an in-JVM KRaft broker and an embedded
 * PostgreSQL. Started once per JVM and shared; each service gets its own database.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static KafkaServer kafka;
    private static PostgresServer postgres;
    private static Boolean dockerAvailable;

    private Infrastructure() {
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            kafka = dockerAvailable() ? new ContainerKafka() : new EmbeddedKafka();
            kafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
            log.info("Kafka for tests at {} ({})", kafka.bootstrapServers(), kafka.getClass().getSimpleName());
        }
        return kafka;
    }

    /** A broker of its own, started and empty (no topic yet), for a test of a first start; the caller stops it. */
    public static KafkaServer freshKafka() {
        KafkaServer fresh = dockerAvailable() ? new ContainerKafka() : new EmbeddedKafka();
        fresh.start();
        return fresh;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = dockerAvailable() ? new ContainerPostgres() : new EmbeddedPostgresServer(null, 0);
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

    /** Asked once per JVM: the probe costs time and logs an error when there is no engine. */
    private static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = !Boolean.getBoolean("cpor.tests.embedded") && probeDocker();
        }
        return dockerAvailable;
    }

    private static boolean probeDocker() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }
}
