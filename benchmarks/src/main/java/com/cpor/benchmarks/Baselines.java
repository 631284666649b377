package com.cpor.benchmarks;

import com.cpor.localstack.Platform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What this machine does at all: raw Kafka produce/consume and raw PostgreSQL commits, on the platform's own servers. */
final class Baselines {

    record KafkaRate(long records, int recordBytes, double producedPerSecond, double producerMiBPerSecond,
                     double consumedPerSecond, double consumerMiBPerSecond) {
    }

    record PgbenchRate(String command, double tps, double latencyMs, String version) {
    }

    private static final String TOPIC = "bench.baseline";

    private Baselines() {
    }

    /**
     * Like {@code kafka-producer-perf-test --throughput -1}: one producer, as fast as it can, with the platform's own
     * producer settings (acks=all, idempotence), then one consumer reading everything back. A minimal loop of our own,
     * because {@code kafka-tools} is not otherwise on the classpath.
     */
    static KafkaRate kafka(Platform platform, int recordBytes, Duration produceFor, long maxRecords) {
        String bootstrap = platform.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create " + TOPIC, e);
        }
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[] value = new byte[recordBytes];
        Arrays.fill(value, (byte) 'x');
        AtomicLong acknowledged = new AtomicLong();
        long produced = 0;
        long start = System.nanoTime();
        long end = start + produceFor.toNanos();
        // bounded in-flight, like the perf tool's send loop blocked by buffer.memory
        Semaphore inFlight = new Semaphore(20_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties)) {
            while (System.nanoTime() < end && produced < maxRecords) {
                inFlight.acquireUninterruptibly();
                byte[] key = ("claim-" + (produced % 10_000)).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(TOPIC, key, value), (metadata, failure) -> {
                    if (failure == null) {
                        acknowledged.incrementAndGet();
                    }
                    inFlight.release();
                });
                produced++;
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        long records = acknowledged.get();

        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long consumed = 0;
        long consumeStart = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(TOPIC).forEach(info -> partitions.add(new TopicPartition(TOPIC, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (consumed < records && System.nanoTime() < giveUp) {
                consumed += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        double consumeSeconds = (System.nanoTime() - consumeStart) / 1e9;
        double mib = recordBytes / (1024.0 * 1024.0);
        return new KafkaRate(records, recordBytes, records / produceSeconds, records * mib / produceSeconds,
                consumed / consumeSeconds, consumed * mib / consumeSeconds);
    }

    /** pgbench's TPC-B-like script (5 statements, one commit per transaction) against the platform's PostgreSQL. */
    static PgbenchRate pgbench(Platform platform, int clients, int seconds, int scale) {
        Path pgbench = findPgbench();
        URI url = URI.create(platform.postgres().database("pgbench").substring("jdbc:".length()));
        List<String> connection = List.of("-h", url.getHost(), "-p", String.valueOf(url.getPort()),
                "-U", platform.postgres().username());
        Map<String, String> environment = Map.of("PGPASSWORD", platform.postgres().password());
        List<String> init = new ArrayList<>(List.of(pgbench.toString(), "-i", "-q", "-s", String.valueOf(scale)));
        init.addAll(connection);
        init.add("pgbench");
        run(init, environment);
        List<String> bench = new ArrayList<>(List.of(pgbench.toString(), "-c", String.valueOf(clients),
                "-j", "2", "-T", String.valueOf(seconds), "-n"));
        bench.addAll(connection);
        bench.add("pgbench");
        String output = run(bench, environment);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        Matcher latency = Pattern.compile("latency average = ([0-9.]+) ms").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("No tps in pgbench output:\n" + output);
        }
        String version = run(List.of(pgbench.toString(), "--version"), Map.of()).trim();
        return new PgbenchRate(String.join(" ", bench.subList(0, 8)) + " (TPC-B-like, scale " + scale + ")",
                Double.parseDouble(tps.group(1)), latency.find() ? Double.parseDouble(latency.group(1)) : -1, version);
    }

    /** pgbench from the PATH or a Debian PostgreSQL package; installs postgresql-client if neither is there. */
    static Path findPgbench() {
        Path found = located();
        if (found == null) {
            try {
                run(List.of("sh", "-c", "(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive "
                        + "apt-get install -y -qq postgresql-client >/dev/null"), Map.of());
            } catch (RuntimeException e) {
                throw new IllegalStateException("pgbench is missing and could not be installed "
                        + "(apt-get install postgresql-client)", e);
            }
            found = located();
        }
        if (found == null) {
            throw new IllegalStateException("pgbench not found after installing postgresql-client");
        }
        return found;
    }

    private static Path located() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory, "pgbench");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin/pgbench")).filter(Files::isExecutable)
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
