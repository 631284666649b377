package com.cpor.benchmarks;

import com.cpor.apiclient.ApiClient;
import com.cpor.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads every platform topic (no consumer group: it adds no lag) and keeps what the lifecycle benchmark measures per
 * claim: the first event of each type (its {@code ce_time}, when it was read here), the claim's APPROVED transition,
 * the nominal end of its consent window, and every hand-off record (to check each claim is handed off exactly once).
 */
final class LifecycleTap implements AutoCloseable {

    static final String HAND_OFF = "association.ready-for-evaluation";

    record Seen(Instant occurredAt, Instant receivedAt) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Map<String, Seen>> firstByTypeAndClaim = new ConcurrentHashMap<>();
    private final Map<String, Seen> approvedByClaim = new ConcurrentHashMap<>();
    private final Map<String, Instant> windowEndedAtByClaim = new ConcurrentHashMap<>();
    /** Per claim: the {@code ce_id} of every hand-off record read (a duplicate record shows up twice). */
    private final Map<String, List<String>> handOffs = new ConcurrentHashMap<>();
    private final Thread worker;
    private volatile boolean running = true;

    LifecycleTap(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : Topics.all()) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        worker = Thread.ofPlatform().name("lifecycle-tap").daemon().start(this::poll);
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                String type = header(record, "ce_type");
                String time = header(record, "ce_time");
                if (type == null || time == null || record.key() == null) {
                    continue;
                }
                Seen seen = new Seen(Instant.parse(time), Instant.now());
                String claim = record.key();
                firstByTypeAndClaim.computeIfAbsent(type, ignored -> new ConcurrentHashMap<>()).putIfAbsent(claim, seen);
                switch (type) {
                    case "claim.status-changed" -> {
                        if (record.value().contains("\"APPROVED\"")
                                && "APPROVED".equals(field(record.value(), "toStatus"))) {
                            approvedByClaim.putIfAbsent(claim, seen);
                        }
                    }
                    case "consent.window-elapsed" -> {
                        String endedAt = field(record.value(), "windowEndedAt");
                        if (endedAt != null) {
                            windowEndedAtByClaim.putIfAbsent(claim, Instant.parse(endedAt));
                        }
                    }
                    case HAND_OFF -> handOffs.computeIfAbsent(claim, ignored -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(String.valueOf(header(record, "ce_id")));
                    default -> {
                    }
                }
            }
        }
        consumer.close();
    }

    private static String field(String json, String name) {
        JsonNode value = ApiClient.JSON.readTree(json).get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    Seen first(String type, String claimId) {
        return firstByTypeAndClaim.getOrDefault(type, Map.of()).get(claimId);
    }

    Seen approved(String claimId) {
        return approvedByClaim.get(claimId);
    }

    Instant windowEndedAt(String claimId) {
        return windowEndedAtByClaim.get(claimId);
    }

    List<String> handOffs(String claimId) {
        return handOffs.getOrDefault(claimId, List.of());
    }

    boolean allHandedOff(Set<String> claims) {
        return claims.stream().allMatch(handOffs::containsKey);
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
