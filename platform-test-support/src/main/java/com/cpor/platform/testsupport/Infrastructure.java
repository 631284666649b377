package com.cpor.platform.testsupport;

import com.cpor.devinfra.EmbeddedInfrastructure;
import com.cpor.devinfra.KafkaServer;
import com.cpor.devinfra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * One way for every test to get a real Kafka broker and a real PostgreSQL: Testcontainers when a Docker engine is
 * available, otherwise the embedded ones of dev-infrastructure. Started once per JVM and shared; each service gets
 * its own database.
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
            if (dockerAvailable()) {
                kafka = new ContainerKafka();
                kafka.start();
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
            } else {
                kafka = EmbeddedInfrastructure.kafka();
            }
            log.info("Kafka for tests at {} ({})", kafka.bootstrapServers(), kafka.getClass().getSimpleName());
        }
        return kafka;
    }

    /** A broker of its own, started and empty (no topic yet), for a test of a first start; the caller stops it. */
    public static KafkaServer freshKafka() {
        if (!dockerAvailable()) {
            return EmbeddedInfrastructure.freshKafka();
        }
        KafkaServer fresh = new ContainerKafka();
        fresh.start();
        return fresh;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            if (dockerAvailable()) {
                postgres = new ContainerPostgres();
                postgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "postgres-shutdown"));
            } else {
                postgres = EmbeddedInfrastructure.postgres();
            }
        }
        return postgres;
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
