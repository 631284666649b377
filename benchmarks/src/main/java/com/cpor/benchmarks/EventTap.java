package com.cpor.benchmarks;

import com.cpor.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads every platform topic from the beginning (no consumer group, so it adds no lag of its own) and keeps,
 * per event, its type, claim id (the record key) and CloudEvents time ({@code ce_time}, set from the event's
 * {@code occurredAt} when the state change committed).
 */
final class EventTap implements AutoCloseable {

    record Seen(String type, String claimId, Instant occurredAt, Instant receivedAt) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Map<String, Seen>> firstByTypeAndClaim = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Seen> all = new ConcurrentLinkedQueue<>();
    private final Thread worker;
    private volatile boolean running = true;

    EventTap(String bootstrapServers) {
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
        worker = Thread.ofPlatform().name("event-tap").daemon().start(this::poll);
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                String type = header(record, "ce_type");
                String time = header(record, "ce_time");
                if (type == null || time == null) {
                    continue;
                }
                Seen seen = new Seen(type, record.key(), Instant.parse(time), Instant.now());
                all.add(seen);
                firstByTypeAndClaim.computeIfAbsent(type, ignored -> new ConcurrentHashMap<>())
                        .putIfAbsent(record.key(), seen);
            }
        }
        consumer.close();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The first event of a type for a claim, if it has arrived. */
    Seen first(String type, String claimId) {
        return firstByTypeAndClaim.getOrDefault(type, Map.of()).get(claimId);
    }

    long count(String type) {
        return firstByTypeAndClaim.getOrDefault(type, Map.of()).size();
    }

    /** Events (all types) whose claim is one of {@code claimIds}. */
    long countFor(Set<String> claimIds) {
        return all.stream().filter(seen -> claimIds.contains(seen.claimId())).count();
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
