package com.cpor.reliability;

import com.cpor.devinfra.FreePorts;
import com.cpor.devinfra.KafkaServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Kafka cluster of three KRaft nodes, each its own process ({@code java kafka.Kafka server.properties}) acting as
 * broker and controller (a controller quorum of three), on fixed loopback ports that survive restarts, with
 * production settings: replication factor 3, {@code min.insync.replicas} 2, no automatic topic creation, no unclean
 * leader election. A node can be killed (SIGKILL) and started again with its log directory, like a crashed broker.
 * The server classes come from this JVM's test classpath (kafka_2.13 via kafka-test-common-runtime).
 */
final class KafkaCluster implements KafkaServer {

    /** base64url of 16 fixed bytes: every node is formatted with the same cluster id */
    private static final String CLUSTER_ID = "Y3Bvci1yZWhlYXJzYWwxMg";

    private final Path directory;
    private final List<Node> nodes = new ArrayList<>();

    /** One KRaft node: its id, ports and process. */
    final class Node {
        final int id;
        final int brokerPort;
        final int controllerPort;
        final Path home;
        private Process process;

        Node(int id) {
            this.id = id;
            this.brokerPort = FreePorts.next();
            this.controllerPort = FreePorts.next();
            this.home = directory.resolve("node-" + id);
        }

        synchronized void start() {
            try {
                process = new ProcessBuilder(javaCommand("kafka.Kafka", home.resolve("server.properties").toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start Kafka node " + id, e);
            }
        }

        /** Abrupt end, as a crash or an OOM kill: nothing is flushed, the controller lease is not given up. */
        synchronized void kill() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(30));
            }
        }

        synchronized void stop() {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!waitFor(process, Duration.ofSeconds(60))) {
                    process.destroyForcibly();
                    waitFor(process, Duration.ofSeconds(30));
                }
            }
        }

        synchronized boolean isRunning() {
            return process != null && process.isAlive();
        }

        long pid() {
            return process.pid();
        }

        /** Waits until the broker port accepts connections (the broker has caught up with the metadata log). */
        void awaitListening(Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (!isRunning()) {
                    throw new IllegalStateException("Kafka node " + id + " exited; see " + home.resolve("server.log"));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", brokerPort), 500);
                    return;
                } catch (IOException e) {
                    FaultCampaign.pause(Duration.ofMillis(300));
                }
            }
            throw new IllegalStateException("Kafka node " + id + " not listening within " + timeout);
        }
    }

    KafkaCluster(Path directory, int size) {
        this.directory = directory;
        for (int id = 1; id <= size; id++) {
            nodes.add(new Node(id));
        }
    }

    @Override
    public void start() {
        String voters = nodes.stream().map(node -> node.id + "@127.0.0.1:" + node.controllerPort)
                .collect(Collectors.joining(","));
        for (Node node : nodes) {
            writeConfiguration(node, voters);
            format(node);
        }
        nodes.forEach(Node::start);
        nodes.forEach(node -> node.awaitListening(Duration.ofMinutes(3)));
        awaitBrokers(nodes.size(), Duration.ofMinutes(3));
    }

    private void writeConfiguration(Node node, String voters) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(node.id));
        config.put("controller.quorum.voters", voters);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort + ",CONTROLLER://127.0.0.1:" + node.controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", node.home.resolve("data").toString());
        // production settings (docs/reliability.md, "Rehearsal")
        config.put("default.replication.factor", "3");
        config.put("min.insync.replicas", "2");
        config.put("offsets.topic.replication.factor", "3");
        config.put("transaction.state.log.replication.factor", "3");
        config.put("transaction.state.log.min.isr", "2");
        config.put("share.coordinator.state.topic.replication.factor", "3");
        config.put("share.coordinator.state.topic.min.isr", "2");
        config.put("auto.create.topics.enable", "false");
        config.put("unclean.leader.election.enable", "false");
        config.put("num.partitions", "3");
        config.put("group.initial.rebalance.delay.ms", "0");
        // a small machine: few threads, small segments
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "2");
        config.put("num.replica.fetchers", "1");
        config.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        try {
            Files.createDirectories(node.home);
            try (var out = Files.newBufferedWriter(node.home.resolve("server.properties"))) {
                config.store(out, "KRaft node " + node.id + " of the rehearsal cluster");
            }
            Files.writeString(node.home.resolve("logback.xml"), """
                    <configuration>
                        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                        </appender>
                        <logger name="kafka.controller" level="INFO"/>
                        <logger name="org.apache.kafka.controller" level="INFO"/>
                        <logger name="org.apache.kafka.raft" level="INFO"/>
                        <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(Node node) {
        List<String> command = javaCommand("kafka.tools.StorageTool", "format", "--config",
                node.home.resolve("server.properties").toString(), "--cluster-id", CLUSTER_ID, "--ignore-formatted");
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(node.home.resolve("format.log").toFile())).start();
            if (!waitFor(format, Duration.ofMinutes(2)) || format.exitValue() != 0) {
                throw new IllegalStateException("Formatting Kafka node " + node.id + " failed; see "
                        + node.home.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> javaCommand(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + directory.resolve("node-1").resolve("logback.xml"),
                "-cp", classpath(), mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The test classpath (failsafe runs tests from a manifest-only jar, and names the real path in a property). */
    private static String classpath() {
        String path = System.getProperty("surefire.test.class.path");
        if (path == null || path.isBlank()) {
            path = System.getProperty("java.class.path");
        }
        return path;
    }

    @Override
    public void stop() {
        nodes.parallelStream().forEach(Node::stop);
    }

    @Override
    public String bootstrapServers() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.brokerPort).collect(Collectors.joining(","));
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    Node node(int id) {
        return nodes.stream().filter(node -> node.id == id).findFirst().orElseThrow();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** The node whose controller leads the metadata quorum now. */
    Node activeController() {
        try (Admin admin = admin()) {
            return node(admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId());
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the metadata quorum", e);
        }
    }

    /** The node leading the most partitions of the given topics. */
    Node busiestLeader(Set<String> topics) {
        Map<Integer, Long> led = describe(topics).values().stream().flatMap(topic -> topic.partitions().stream())
                .filter(partition -> partition.leader() != null)
                .collect(Collectors.groupingBy(partition -> partition.leader().id(), Collectors.counting()));
        return node(led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
    }

    Map<String, TopicDescription> describe(Set<String> topics) {
        try (Admin admin = admin()) {
            return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topics, e);
        }
    }

    /** All topics except Kafka's internal ones. */
    Set<String> topics() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not list topics", e);
        }
    }

    /**
     * Moves the leader of every partition of {@code topics} to another broker: the replica list is rotated by one
     * (same replicas, another preferred leader) and a preferred-leader election is run. Returns how many
     * partitions changed their leader.
     */
    int moveLeaders(Set<String> topics) {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> before = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Optional<NewPartitionReassignment>> rotations = new LinkedHashMap<>();
            Map<TopicPartition, Integer> leaders = new LinkedHashMap<>();
            for (TopicDescription topic : before.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    List<Integer> replicas = partition.replicas().stream().map(org.apache.kafka.common.Node::id).toList();
                    if (replicas.size() < 2 || partition.leader() == null) {
                        continue;
                    }
                    int leader = partition.leader().id();
                    List<Integer> rotated = new ArrayList<>(replicas);
                    // the first replica that is not the current leader becomes the preferred one
                    int next = replicas.stream().filter(id -> id != leader).findFirst().orElseThrow();
                    rotated.remove(Integer.valueOf(next));
                    rotated.addFirst(next);
                    TopicPartition key = new TopicPartition(topic.name(), partition.partition());
                    rotations.put(key, Optional.of(new NewPartitionReassignment(rotated)));
                    leaders.put(key, leader);
                }
            }
            admin.alterPartitionReassignments(rotations).all().get(60, TimeUnit.SECONDS);
            awaitNoReassignments(admin, Duration.ofMinutes(2));
            try {
                admin.electLeaders(ElectionType.PREFERRED, rotations.keySet()).all().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // partitions whose preferred replica already leads report ElectionNotNeeded: not a failure
            }
            Map<String, TopicDescription> after = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            int moved = 0;
            for (TopicDescription topic : after.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    Integer was = leaders.get(new TopicPartition(topic.name(), partition.partition()));
                    if (was != null && partition.leader() != null && partition.leader().id() != was) {
                        moved++;
                    }
                }
            }
            return moved;
        } catch (Exception e) {
            throw new IllegalStateException("Could not move partition leaders", e);
        }
    }

    private static void awaitNoReassignments(Admin admin, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!admin.listPartitionReassignments().reassignments().get(30, TimeUnit.SECONDS).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Reassignments still running after " + timeout);
            }
            FaultCampaign.pause(Duration.ofMillis(500));
        }
    }

    /** Waits until {@code count} brokers are registered and unfenced. */
    void awaitBrokers(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Admin admin = admin()) {
                if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() >= count) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            FaultCampaign.pause(Duration.ofSeconds(1));
        }
        throw new IllegalStateException(count + " brokers not up within " + timeout, last);
    }

    /** Waits until every partition of {@code topics} has all its replicas in sync again (after a restart). */
    Duration awaitFullIsr(Set<String> topics, Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                boolean full = describe(topics).values().stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.isr().size() == partition.replicas().size());
                if (full) {
                    return Duration.between(start, Instant.now());
                }
            } catch (RuntimeException e) {
                // a broker is still coming back
            }
            FaultCampaign.pause(Duration.ofSeconds(1));
        }
        return null;
    }

    /** Deletes the cluster's directories (after {@link #stop()}). */
    void delete() {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
