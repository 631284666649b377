package com.cpor.localstack;

import com.cpor.devinfra.KafkaServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A single-node KRaft Kafka running in this JVM whose logs live under a directory of the local stack,
 * so topics and committed offsets survive a restart of the stack.
 */
final class PersistentKafka implements KafkaServer {

    /** base64url of "cpor-local-stack": a fixed id, so the stored logs are recognised after a restart */
    private static final String CLUSTER_ID = "Y3Bvci1sb2NhbC1zdGFjaw";

    private final Path directory;
    private KafkaClusterTestKit cluster;

    PersistentKafka(Path directory) {
        this.directory = directory;
    }

    @Override
    public void start() {
        try {
            boolean formatted = Files.isDirectory(directory) && hasMetaProperties();
            Files.createDirectories(directory);
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setClusterId(CLUSTER_ID)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .build())
                    .setDeleteOnClose(false)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // as in production: a topic exists because a service declared it, never because someone read it
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            if (!formatted) {
                cluster.format();
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start Kafka in " + directory, e);
        }
    }

    private boolean hasMetaProperties() {
        try (var files = Files.walk(directory, 3)) {
            return files.anyMatch(path -> path.getFileName().toString().equals("meta.properties"));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop Kafka", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }
}
