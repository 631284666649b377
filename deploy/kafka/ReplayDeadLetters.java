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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Replays a dead-letter topic onto its original topic, keeping each record's key, value and CloudEvents headers
 * byte for byte and dropping the {@code kafka_dlt-*} failure headers. Safe to repeat: consumers apply each
 * {@code eventId} once, and this tool's consumer group remembers what it already replayed.
 *
 * <pre>
 * java -cp '/path/to/kafka/libs/*' deploy/kafka/ReplayDeadLetters.java \
 *     --bootstrap-server localhost:19092 --dlt cpor.claims.v1-dlt [--claim C-123] [--dry-run]
 * </pre>
 * Needs a JDK 21+ (single-file source launch) and kafka-clients on the class path; see docs/runbook.md.
 */
public class ReplayDeadLetters {

    private static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    private static final String DLT_SUFFIX = "-dlt";

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        String bootstrap = options.getOrDefault("bootstrap-server", "localhost:19092");
        String deadLetterTopic = required(options, "dlt");
        if (!deadLetterTopic.endsWith(DLT_SUFFIX) && !options.containsKey("to")) {
            throw new IllegalArgumentException(deadLetterTopic + " does not end with " + DLT_SUFFIX + "; say --to <topic>");
        }
        String target = options.getOrDefault("to", deadLetterTopic.substring(0, deadLetterTopic.length() - DLT_SUFFIX.length()));
        String claimFilter = options.get("claim");
        boolean dryRun = options.containsKey("dry-run");
        String group = options.getOrDefault("group", "cpor-dlt-replay");

        Properties consumerSettings = new Properties();
        consumerSettings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Properties producerSettings = new Properties();
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

        int matched = 0;
        int others = 0;
        // with a claim filter the other records stay for a later full replay: then nothing is committed
        boolean commit = !dryRun && claimFilter == null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings,
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            // manual assignment: no group rebalance to wait for; the group only keeps the replayed position
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("No topic " + deadLetterTopic + " on " + bootstrap);
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
                    boolean wanted = claimFilter == null || claimFilter.equals(key);
                    System.out.printf("%s %s-%d@%d key=%s type=%s id=%s failure=%s%n",
                            !wanted ? "skip  " : dryRun ? "would " : "replay", record.topic(), record.partition(),
                            record.offset(), key, header(record, "ce_type"), header(record, "ce_id"),
                            header(record, DLT_HEADER_PREFIX + "exception-message"));
                    if (wanted && !dryRun) {
                        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(target, null, record.key(), record.value());
                        for (Header h : record.headers()) {
                            if (!h.key().startsWith(DLT_HEADER_PREFIX)) {
                                copy.headers().add(h.key(), h.value());
                            }
                        }
                        copy.headers().add("cpor_replayed_from", (record.topic() + "-" + record.partition() + "@"
                                + record.offset()).getBytes(StandardCharsets.UTF_8));
                        producer.send(copy).get();
                    }
                    if (wanted) {
                        matched++;
                    } else {
                        others++;
                    }
                    done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                if (commit) {
                    // only after the broker acknowledged the copies: a crash replays at most a batch twice (harmless)
                    consumer.commitSync(done);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("The broker refused a replayed record", e.getCause());
        }
        System.out.printf("%s %d record(s) to %s; %d record(s) of other claims left as they are%n",
                dryRun ? "Would replay" : "Replayed", matched, target, others);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "-" : text(h.value()).lines().findFirst().orElse("");
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String[] args) {
        Set<String> flags = Set.of("dry-run");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            options.put(name, flags.contains(name) ? "true" : args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
