package com.cpor.tools.deadletters;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Replays a dead-letter topic onto its original topic, keeping each record's key, value and CloudEvents headers
 * byte for byte and dropping the {@code kafka_dlt-*} failure headers. Safe to repeat: consumers apply each
 * {@code eventId} once, and this tool's consumer group remembers what it already replayed.
 *
 * <pre>
 * java -jar tools/dead-letter-replay/target/dead-letter-replay.jar \
 *     --bootstrap-server localhost:19092 --dlt cpor.claims.v1-dlt [--claim C-123] [--dry-run]
 * </pre>
 * Also runs as a single-file program (JDK 21+, kafka-clients on the class path): {@code java -cp '<kafka libs>/*'
 * tools/dead-letter-replay/src/main/java/com/cpor/tools/deadletters/ReplayDeadLetters.java ...}. Hence one file
 * that needs nothing but kafka-clients. See docs/runbook.md.
 */
public final class ReplayDeadLetters {

    static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    static final String DLT_SUFFIX = "-dlt";
    /** Where a replayed copy came from: {@code <dead-letter topic>-<partition>@<offset>}. */
    static final String REPLAYED_FROM_HEADER = "cpor_replayed_from";

    private ReplayDeadLetters() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Result result = replay(options, System.out);
        System.out.printf("%s %d record(s) to %s; %d record(s) of other claims left as they are%n",
                options.dryRun() ? "Would replay" : "Replayed", result.replayed(), options.target(), result.skipped());
    }

    /**
     * What to replay.
     *
     * @param claim   only this claim's records (the record key); offsets are then not committed, so a later full
     *                replay still sees the others
     * @param dryRun  list what would be replayed: nothing written, no offsets committed
     * @param group   the consumer group that remembers what was replayed
     */
    public record Options(String bootstrapServers, String deadLetterTopic, String target, String claim, boolean dryRun,
                          String group) {

        public static Options parse(String... args) {
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("Unexpected argument " + args[i]);
                }
                String name = args[i].substring(2);
                if (name.equals("dry-run")) {
                    options.put(name, "true");
                } else if (Set.of("bootstrap-server", "dlt", "to", "claim", "group").contains(name)) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    options.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("Unknown option --" + name
                            + " (--bootstrap-server, --dlt, --to, --claim, --group, --dry-run)");
                }
            }
            String deadLetterTopic = options.get("dlt");
            if (deadLetterTopic == null) {
                throw new IllegalArgumentException("--dlt is required");
            }
            if (!deadLetterTopic.endsWith(DLT_SUFFIX) && !options.containsKey("to")) {
                throw new IllegalArgumentException(deadLetterTopic + " does not end with " + DLT_SUFFIX
                        + "; say --to <topic>");
            }
            String target = options.getOrDefault("to",
                    deadLetterTopic.substring(0, deadLetterTopic.length() - DLT_SUFFIX.length()));
            return new Options(options.getOrDefault("bootstrap-server", "localhost:19092"), deadLetterTopic, target,
                    options.get("claim"), options.containsKey("dry-run"), options.getOrDefault("group", "cpor-dlt-replay"));
        }
    }

    /** @param replayed records replayed (on a dry run: that would be); @param skipped records of other claims */
    public record Result(int replayed, int skipped) {
    }

    /** Replays the dead-letter topic up to its end as it is now, one line per record to {@code out}. */
    public static Result replay(Options options, PrintStream out) {
        String deadLetterTopic = options.deadLetterTopic();
        Properties consumerSettings = new Properties();
        consumerSettings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a mistyped topic name is an error, never a new empty topic
        consumerSettings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        Properties producerSettings = new Properties();
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

        int matched = 0;
        int others = 0;
        // with a claim filter the other records stay for a later full replay: then nothing is committed
        boolean commit = !options.dryRun() && options.claim() == null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings,
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            // manual assignment: no group rebalance to wait for; the group only keeps the replayed position
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("No topic " + deadLetterTopic + " on " + options.bootstrapServers());
            }
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = committed.get(partition);
                if (position == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, position.offset());
                }
            }
            // drain up to the end as it is now; records dead-lettered meanwhile wait for the next run
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                var records = consumer.poll(Duration.ofSeconds(1));
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String key = text(record.key());
                    boolean wanted = options.claim() == null || options.claim().equals(key);
                    out.printf("%s %s-%d@%d key=%s type=%s id=%s failure=%s%n",
                            !wanted ? "skip  " : options.dryRun() ? "would " : "replay", record.topic(),
                            record.partition(), record.offset(), key, header(record, "ce_type"),
                            header(record, "ce_id"), header(record, DLT_HEADER_PREFIX + "exception-message"));
                    if (wanted && !options.dryRun()) {
                        producer.send(copyFor(options.target(), record)).get();
                    }
                    if (wanted) {
                        matched++;
                    } else {
                        others++;
                    }
                    done.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                if (commit) {
                    // only after the broker acknowledged the copies: a crash replays at most a batch twice (harmless)
                    consumer.commitSync(done);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused a replayed record", e.getCause());
        }
        return new Result(matched, others);
    }

    /** Same key (so the same partition and order), value and headers; no failure headers; where it came from. */
    private static ProducerRecord<byte[], byte[]> copyFor(String target, ConsumerRecord<byte[], byte[]> record) {
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(target, null, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
                copy.headers().add(header.key(), header.value());
            }
        }
        copy.headers().add(REPLAYED_FROM_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : text(header.value()).lines().findFirst().orElse("");
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
