package com.cpor.tools.deadletters;

import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.tools.deadletters.ReplayDeadLetters.Options;
import com.cpor.tools.deadletters.ReplayDeadLetters.Result;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay tool against a real broker (platform-test-support's): each test on topics of its own. */
class ReplayDeadLettersIT {

    private static String bootstrap;

    private final String topic = "replay-it-" + UUID.randomUUID() + ".v1";
    private final String deadLetters = topic + "-dlt";
    private final String group = "replay-it-" + UUID.randomUUID();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeAll
    static void broker() {
        bootstrap = Infrastructure.kafka().bootstrapServers();
    }

    @Test
    void replays_each_dead_lettered_record_to_its_topic_with_its_key_value_and_headers_but_no_failure_headers()
            throws Exception {
        createTopics();
        deadLetter("C-1", "{\"eventId\":\"e1\"}", "e1");
        deadLetter("C-2", "{\"eventId\":\"e2\"}", "e2");

        Result result = replay();

        assertThat(result).isEqualTo(new Result(2, 0));
        List<ConsumerRecord<String, String>> copies = read(topic);
        assertThat(copies).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("C-1", "C-2");
        ConsumerRecord<String, String> copy = copies.stream().filter(r -> r.key().equals("C-1")).findFirst().orElseThrow();
        assertThat(copy.value()).isEqualTo("{\"eventId\":\"e1\"}");
        Map<String, String> headers = headers(copy);
        assertThat(headers).containsEntry("ce_id", "e1").containsEntry("ce_type", "ClaimSubmitted")
                .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .containsKey(ReplayDeadLetters.REPLAYED_FROM_HEADER);
        assertThat(headers.get(ReplayDeadLetters.REPLAYED_FROM_HEADER)).startsWith(deadLetters + "-");
        assertThat(headers.keySet()).noneMatch(name -> name.startsWith("kafka_dlt-"));
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("replay " + deadLetters).contains("key=C-1 type=ClaimSubmitted id=e1 failure=No claim C-1");
    }

    @Test
    void a_second_run_replays_only_what_was_dead_lettered_since_the_first() throws Exception {
        createTopics();
        deadLetter("C-1", "{\"eventId\":\"e1\"}", "e1");
        replay();
        deadLetter("C-2", "{\"eventId\":\"e2\"}", "e2");

        Result second = replay();

        assertThat(second).isEqualTo(new Result(1, 0));
        assertThat(read(topic)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("C-1", "C-2");
        assertThat(replay()).isEqualTo(new Result(0, 0));
    }

    @Test
    void a_dry_run_lists_what_it_would_replay_and_writes_and_commits_nothing() throws Exception {
        createTopics();
        deadLetter("C-1", "{\"eventId\":\"e1\"}", "e1");
        deadLetter("C-2", "{\"eventId\":\"e2\"}", "e2");

        Result dryRun = ReplayDeadLetters.replay(options(null, true), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(dryRun).isEqualTo(new Result(2, 0));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("would  " + deadLetters);
        assertThat(read(topic)).isEmpty();
        assertThat(replay()).as("the real run after it still sees every record").isEqualTo(new Result(2, 0));
    }

    @Test
    void a_claim_filter_replays_only_that_claims_records_and_leaves_every_record_for_a_full_replay() throws Exception {
        createTopics();
        deadLetter("C-1", "{\"eventId\":\"e1\"}", "e1");
        deadLetter("C-2", "{\"eventId\":\"e2\"}", "e2");
        deadLetter("C-1", "{\"eventId\":\"e3\"}", "e3");

        Result oneClaim = ReplayDeadLetters.replay(options("C-1", false), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(oneClaim).isEqualTo(new Result(2, 1));
        assertThat(read(topic)).extracting(ConsumerRecord::value)
                .containsExactly("{\"eventId\":\"e1\"}", "{\"eventId\":\"e3\"}"); // one key, one partition: in order
        assertThat(replay()).as("nothing was committed").isEqualTo(new Result(3, 0));
    }

    @Test
    void a_missing_dead_letter_topic_is_an_error_and_is_not_created() throws Exception {
        assertThatThrownBy(this::replay).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No topic " + deadLetters + " on " + bootstrap);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(deadLetters);
        }
    }

    private Result replay() {
        return ReplayDeadLetters.replay(options(null, false), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private Options options(String claim, boolean dryRun) {
        return Options.parse(withOptional(List.of("--bootstrap-server", bootstrap, "--dlt", deadLetters, "--group", group),
                claim, dryRun));
    }

    private static String[] withOptional(List<String> required, String claim, boolean dryRun) {
        List<String> arguments = new ArrayList<>(required);
        if (claim != null) {
            arguments.addAll(List.of("--claim", claim));
        }
        if (dryRun) {
            arguments.add("--dry-run");
        }
        return arguments.toArray(String[]::new);
    }

    /** Three partitions each, like the services' topics (several partitions, keys keep their order). */
    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(deadLetters, 3, (short) 1)))
                    .all().get();
        }
    }

    /** A record as Spring Kafka's dead-letter publisher leaves it: the original's headers plus kafka_dlt-*. */
    private void deadLetter(String claimId, String value, String eventId) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(deadLetters, claimId, value);
            record.headers().add("ce_id", bytes(eventId)).add("ce_type", bytes("ClaimSubmitted"))
                    .add("traceparent", bytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                    .add("kafka_dlt-original-topic", bytes(topic))
                    .add("kafka_dlt-exception-message", bytes("No claim " + claimId + "\nsecond line"))
                    .add("kafka_dlt-exception-stacktrace", bytes("java.lang.IllegalStateException\n\tat ..."));
            producer.send(record).get();
        }
    }

    /** Everything on the topic now (the tool returns after the broker acknowledged its copies). */
    private static List<ConsumerRecord<String, String>> read(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
