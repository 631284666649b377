package com.cpor.platform;

import com.cpor.events.Actor;
import com.cpor.events.Topics;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewStarted;
import com.cpor.platform.messaging.EventJson;
import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.outbox.OutboxRelay;
import com.cpor.platform.outbox.OutboxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.timers.DurableTimers;
import com.cpor.platform.timers.TimerPoller;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static com.cpor.platform.testsupport.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class MessagingFoundationIT {

    private static EventProbe probe;

    @Autowired
    Outbox outbox;
    @Autowired
    DurableTimers timers;
    @Autowired
    TimerPoller poller;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    Tracer tracer;
    @LocalServerPort
    int port;
    @Autowired
    OutboxRelay liveRelay;
    @Autowired
    DataSource dataSource;
    @Autowired
    KafkaTemplate<Object, Object> kafkaTemplate;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(),
                Topics.CLAIMS, Topics.deadLetterOf(Topics.REVIEWS));
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void outbox_events_reach_kafka_keyed_by_claim_with_cloud_event_headers() {
        String claimId = newClaimId();
        CommentAdded comment = comment(claimId);
        transactions.executeWithoutResult(status -> outbox.append(comment));

        ConsumerRecord<String, String> record = probe.await(EventProbe.typed("claim.comment-added", claimId),
                Duration.ofSeconds(30));
        assertThat(header(record, "ce_id")).isEqualTo(comment.eventId().toString());
        assertThat(header(record, "ce_source")).isEqualTo("/cpor/platform-test");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(record.value()).contains("\"type\":\"claim.comment-added\"");
        assertThat(EventJson.read(Topics.CLAIMS, record.value().getBytes())).isEqualTo(comment);
        await().untilAsserted(() ->
                assertThat(jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single()).isZero());
    }

    @Test
    void the_trace_of_the_transaction_that_wrote_an_event_travels_with_it_through_the_outbox() {
        String claimId = newClaimId();
        Span span = tracer.nextSpan().name("state-change").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            transactions.executeWithoutResult(status -> outbox.append(comment(claimId)));
        } finally {
            span.end();
        }

        ConsumerRecord<String, String> record = probe.await(EventProbe.typed("claim.comment-added", claimId),
                Duration.ofSeconds(30));
        assertThat(header(record, "traceparent")).startsWith("00-" + span.context().traceId() + "-");
    }

    @Test
    void a_consumer_continues_the_trace_named_in_the_record_headers() {
        String claimId = newClaimId();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        probe.send(Topics.REVIEWS, claimId, EventJson.write(approval(claimId, "traced")),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(claimId) == 2);
        assertThat(jdbc.sql("SELECT what FROM test_effect WHERE claim_id = ? AND what LIKE 'trace:%'")
                .param(claimId).query(String.class).single()).isEqualTo("trace:" + traceId);
    }

    @Test
    void an_event_that_commits_while_the_relay_is_sending_is_published_later_not_lost() throws Exception {
        String early = newClaimId();
        String late = newClaimId();
        liveRelay.stop();
        try (Connection slowWriter = dataSource.getConnection()) {
            // takes a lower sequence number than the next event, but commits only during the relay's send
            slowWriter.setAutoCommit(false);
            try (PreparedStatement insert = slowWriter.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, message_key, event_type, payload, occurred_at)
                    VALUES (?, 'cpor.claims.v1', ?, 'claim.comment-added', ?, now())""")) {
                CommentAdded lateComment = comment(late);
                insert.setObject(1, lateComment.eventId());
                insert.setString(2, late);
                insert.setString(3, EventJson.write(lateComment));
                insert.executeUpdate();
            }
            transactions.executeWithoutResult(status -> outbox.append(comment(early)));

            AtomicBoolean committed = new AtomicBoolean();
            @SuppressWarnings({"unchecked", "rawtypes"})
            ProducerFactory<String, Object> producers = (ProducerFactory) kafkaTemplate.getProducerFactory();
            KafkaTemplate<String, Object> committingDuringSend = new KafkaTemplate<String, Object>(producers) {
                @Override
                public CompletableFuture<SendResult<String, Object>> send(ProducerRecord<String, Object> record) {
                    if (committed.compareAndSet(false, true)) {
                        commit(slowWriter);
                    }
                    return super.send(record);
                }
            };
            OutboxRelay relay = new OutboxRelay(jdbc, transactions, committingDuringSend,
                    new OutboxSettings(false, Duration.ofMillis(100), Duration.ofSeconds(10), 500,
                            Duration.ofSeconds(30)),
                    "platform-test", clock, new SimpleMeterRegistry());
            relay.publishPending();
            relay.publishPending();
        } finally {
            liveRelay.start();
        }

        probe.await(EventProbe.typed("claim.comment-added", early), Duration.ofSeconds(30));
        probe.await(EventProbe.typed("claim.comment-added", late), Duration.ofSeconds(30));
    }

    @Test
    void rows_appended_while_another_instance_holds_the_relay_lock_go_out_once_it_lets_go_not_after_the_idle_poll()
            throws Exception {
        String claimId = newClaimId();
        // looks every 100 ms while another instance relays, otherwise once an hour
        OutboxRelay relay = new OutboxRelay(jdbc, transactions, kafkaTemplate(),
                new OutboxSettings(false, Duration.ofMillis(100), Duration.ofHours(1), 500, Duration.ofSeconds(30)),
                "platform-test", clock, new SimpleMeterRegistry());
        liveRelay.stop();
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, OutboxRelay.RELAY_LOCK_KEY);
                lock.execute();
            }
            transactions.executeWithoutResult(status -> outbox.append(comment(claimId)));
            relay.start();
            // the relay's first round, at start, finds the lock held
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> outboxRows(claimId) == 1);

            commit(otherInstance);

            probe.await(EventProbe.typed("claim.comment-added", claimId), Duration.ofSeconds(30));
        } finally {
            relay.stop();
            liveRelay.start();
        }
    }

    private long outboxRows(String claimId) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE message_key = ?").param(claimId)
                .query(Long.class).single();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private KafkaTemplate<String, Object> kafkaTemplate() {
        return new KafkaTemplate<>((ProducerFactory) kafkaTemplate.getProducerFactory());
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listener_containers_commit_consumed_offsets_by_time() {
        assertThat(listeners.getListenerContainers()).isNotEmpty().allSatisfy(container -> {
            assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
            assertThat(container.getContainerProperties().getAckTime()).isEqualTo(Duration.ofSeconds(5).toMillis());
        });
    }

    @Test
    void readiness_covers_the_database_not_kafka_which_health_still_shows_and_is_open_to_probes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(200);
        // while the broker is away the outbox buffers writes: a Kafka outage must not take instances out of rotation
        assertThat(readiness.body()).contains("\"db\"", "\"readinessState\"").contains("\"UP\"")
                .doesNotContain("\"kafka\"");
        assertThat(health.body()).contains("\"kafka\"");
    }

    @Test
    void rolled_back_state_changes_publish_nothing() {
        String claimId = newClaimId();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            outbox.append(comment(claimId));
            throw new IllegalStateException("the state change failed");
        })).hasMessageContaining("state change failed");
        String marker = newClaimId();
        transactions.executeWithoutResult(status -> outbox.append(comment(marker)));

        probe.await(EventProbe.typed("claim.comment-added", marker), Duration.ofSeconds(30));
        assertThat(probe.drain(Duration.ofMillis(500))).noneMatch(r -> claimId.equals(r.key()));
    }

    @Test
    void appending_outside_a_transaction_is_refused() {
        assertThatThrownBy(() -> outbox.append(comment(newClaimId())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void redelivered_event_is_applied_once() {
        String claimId = newClaimId();
        String json = EventJson.write(approval(claimId, "fine"));
        probe.send(Topics.REVIEWS, claimId, json, Map.of());
        probe.send(Topics.REVIEWS, claimId, json, Map.of());
        // the barrier: same key, so same partition, behind the duplicate; once it is applied the duplicate was handled
        probe.send(Topics.REVIEWS, claimId, EventJson.write(started(claimId)), Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(claimId, "review.started") == 1);
        assertThat(effects(claimId, "review.approved")).isEqualTo(1);
    }

    @Test
    void malformed_misrouted_and_poison_records_go_to_the_dead_letter_topic_and_the_partition_keeps_flowing() {
        String claimId = newClaimId();
        probe.send(Topics.REVIEWS, claimId, "{not json", Map.of());
        // a type another topic carries is misrouted, not newer: poison
        probe.send(Topics.REVIEWS, claimId, "{\"type\":\"claim.submitted\",\"eventId\":\"" + UUID.randomUUID()
                + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"claimId\":\"" + claimId + "\"}", Map.of());
        // an unknown type without the fields every event has is malformed, not newer
        probe.send(Topics.REVIEWS, claimId, "{\"type\":\"review.unheard-of\",\"claimId\":\"" + claimId + "\"}",
                Map.of());
        probe.send(Topics.REVIEWS, claimId, EventJson.write(approval(claimId, "poison")), Map.of());
        probe.send(Topics.REVIEWS, claimId, EventJson.write(approval(claimId, "fine")), Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM test_effect WHERE claim_id = ? AND what = 'review.approved'")
                .param(claimId).query(Long.class).single() == 1);
        probe.await(r -> claimId.equals(r.key()) && r.value().startsWith("{not json"), Duration.ofSeconds(30));
        probe.await(r -> claimId.equals(r.key()) && r.value().contains("claim.submitted"), Duration.ofSeconds(30));
        probe.await(r -> claimId.equals(r.key()) && r.value().contains("review.unheard-of"), Duration.ofSeconds(30));
        ConsumerRecord<String, String> poison = probe.await(
                r -> claimId.equals(r.key()) && r.value().contains("\"poison\""), Duration.ofSeconds(30));
        assertThat(poison.topic()).isEqualTo("cpor.reviews.v1-dlt");
        assertThat(header(poison, "kafka_dlt-exception-message")).contains("business rule violated");
    }

    @Test
    void a_due_timer_fires_exactly_once_not_a_moment_early_and_a_cancelled_one_never() {
        String claimId = newClaimId();
        Instant dueAt = clock.instant().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MILLIS);
        transactions.executeWithoutResult(status -> {
            timers.schedule("window:" + claimId, "record", claimId, dueAt, null);
            timers.schedule("window:" + claimId, "record", claimId, dueAt, null); // redelivered scheduling
            timers.schedule("cancelled:" + claimId, "record", claimId, dueAt, null);
            timers.cancel("cancelled:" + claimId);
        });

        clock.set(dueAt.minusMillis(1));
        poller.fireDueTimers(); // a whole firing pass one millisecond before the due time
        assertThat(effects(claimId)).isZero();
        assertThat(timers.stateOf("window:" + claimId)).contains(DurableTimers.TimerState.PENDING);

        clock.set(dueAt.plusMillis(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(claimId) == 1);
        poller.fireDueTimers(); // and a pass after it fired: nothing fires a second time
        assertThat(effects(claimId)).isEqualTo(1);
        assertThat(timers.stateOf("window:" + claimId)).contains(DurableTimers.TimerState.FIRED);
        assertThat(timers.stateOf("cancelled:" + claimId)).contains(DurableTimers.TimerState.CANCELLED);
    }

    @Test
    void a_burst_of_due_timers_is_fired_once_each_by_the_concurrent_pollers() {
        String claimId = newClaimId();
        int burst = 700; // several batches, so the pollers work side by side
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < burst; i++) {
                timers.schedule("burst:" + claimId + ":" + i, "record", claimId, clock.instant(), null);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(claimId) >= burst);
        assertThat(jdbc.sql("SELECT count(DISTINCT what) FROM test_effect WHERE claim_id = ?").param(claimId)
                .query(Long.class).single()).isEqualTo(burst);
        assertThat(effects(claimId)).isEqualTo(burst);
        assertThat(jdbc.sql("SELECT count(*) FROM durable_timer WHERE claim_id = ? AND state = 'FIRED'")
                .param(claimId).query(Long.class).single()).isEqualTo(burst);
    }

    @Test
    void due_timers_of_many_claims_are_fired_once_each_by_the_workers_the_scout_wakes() {
        // claims hash to every worker's share: each share's worker fires only when the scout saw its due timers
        List<String> claimIds = IntStream.range(0, 60).mapToObj(i -> newClaimId()).toList();
        transactions.executeWithoutResult(status -> claimIds.forEach(claimId -> {
            timers.schedule("first:" + claimId, "record", claimId, clock.instant(), null);
            timers.schedule("second:" + claimId, "record", claimId, clock.instant(), null);
        }));

        await().atMost(Duration.ofSeconds(30)).until(() -> claimIds.stream().allMatch(claimId -> effects(claimId) >= 2));
        claimIds.forEach(claimId -> assertThat(effects(claimId)).isEqualTo(2));
    }

    @Test
    void a_failing_timer_is_retried_then_parked_as_failed() {
        String claimId = newClaimId();
        transactions.executeWithoutResult(status ->
                timers.schedule("fails:" + claimId, PlatformTestApplication.FAILING_TIMER, claimId, clock.instant(), null));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                timers.stateOf("fails:" + claimId).orElseThrow() == DurableTimers.TimerState.FAILED);
        assertThat(jdbc.sql("SELECT attempts FROM durable_timer WHERE timer_id = ?").param("fails:" + claimId)
                .query(Integer.class).single()).isEqualTo(2);
    }

    private long effects(String claimId) {
        return jdbc.sql("SELECT count(*) FROM test_effect WHERE claim_id = ?").param(claimId).query(Long.class).single();
    }

    private long effects(String claimId, String what) {
        return jdbc.sql("SELECT count(*) FROM test_effect WHERE claim_id = ? AND what = ?").params(claimId, what)
                .query(Long.class).single();
    }

    private static String newClaimId() {
        return "c-" + UUID.randomUUID();
    }

    private static CommentAdded comment(String claimId) {
        return new CommentAdded(UUID.randomUUID(), Instant.parse("2026-11-20T10:15:30Z"), claimId, "k-1",
                new Actor("partner-admin", "Piotr", "piotr@example.com", Actor.ActorKind.PARTNER), "Hello", null);
    }

    private static ReviewStarted started(String claimId) {
        return new ReviewStarted(UUID.randomUUID(), Instant.now(), claimId,
                new Actor("reviewer", "Réka", "reka@example.com", Actor.ActorKind.REVIEWER), Instant.now());
    }

    private static ReviewApproved approval(String claimId, String comment) {
        return new ReviewApproved(UUID.randomUUID(), Instant.now(), claimId,
                new Actor("reviewer", "Réka", "reka@example.com", Actor.ActorKind.REVIEWER), comment);
    }
}
