package com.cpor.platform;

import com.cpor.events.Actor;
import com.cpor.events.Topics;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.platform.messaging.EventJson;
import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.devinfra.PostgresServer;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production conditions for the messaging foundation: a database outage longer than any retry budget, a record the
 * broker refuses for good, events of a newer producer, and topics that exist before anyone reads them. Its own
 * service name, hence its own database and consumer group, so that refusing connections touches nothing else.
 */
@ServiceIntegrationTest(properties = {
        "spring.application.name=" + MessagingResilienceIT.SERVICE,
        // short waits keep the outage test short; the outage itself is far longer than the old budget
        // (retries: 2 in application.yml, each attempt waiting at most the connection timeout)
        "spring.datasource.hikari.connection-timeout=1000",
        "cpor.messaging.unavailable-retry-max-interval=1s",
        // an operator's un-parked row is found by the relay's next fallback look (30 s by default), not by a commit
        "cpor.outbox.idle-poll-interval=1s"})
class MessagingResilienceIT {

    static final String SERVICE = "platform-resilience";
    private static final String DATABASE = "platform_resilience_test";
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    private static EventProbe probe;

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

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
    void a_database_outage_longer_than_every_retry_budget_is_waited_out_and_a_claims_events_apply_in_order_once()
            throws Exception {
        String claimId = "c-" + UUID.randomUUID();
        List<ReviewApproved> events = IntStream.range(0, 9).mapToObj(i -> approval(claimId, "step " + i)).toList();
        events.subList(0, 3).forEach(this::send);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(claimId) == 3);

        refuseConnections(true);
        try {
            events.subList(3, 6).forEach(this::send);
            Thread.sleep(OUTAGE.toMillis()); // the listener keeps failing on these meanwhile
        } finally {
            refuseConnections(false);
        }
        events.subList(6, 9).forEach(this::send);

        await().atMost(Duration.ofSeconds(60)).until(() -> applied(claimId) == 9);
        assertThat(jdbc.sql("""
                        SELECT event_id::text FROM processed_event
                        WHERE consumer = 'test-reviews' AND event_id::text IN (:ids)
                        ORDER BY processed_at""")
                .param("ids", events.stream().map(e -> e.eventId().toString()).toList())
                .query(String.class).list())
                .as("applied once each, in the order sent")
                .containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
        assertThat(probe.drain(Duration.ofSeconds(2)))
                .as("nothing dead-lettered").noneMatch(r -> claimId.equals(r.key()));
    }

    @Test
    void a_record_the_broker_refuses_for_good_is_parked_and_the_rows_behind_it_are_published() {
        String blocked = "c-" + UUID.randomUUID();
        String other = "c-" + UUID.randomUUID();
        CommentAdded tooLarge = comment(blocked, "x".repeat(2 * 1024 * 1024)); // above the producer's max.request.size
        CommentAdded sameClaimLater = comment(blocked, "after the large one");
        CommentAdded otherClaim = comment(other, "unrelated");
        transactions.executeWithoutResult(status -> {
            outbox.append(tooLarge);
            outbox.append(sameClaimLater);
            outbox.append(otherClaim);
        });

        probe.await(EventProbe.typed("claim.comment-added", other), Duration.ofSeconds(10));
        // the broker's acknowledgement of the other row can arrive before the relay commits the parking
        await().untilAsserted(() -> {
            Map<String, Object> parked = jdbc.sql("""
                            SELECT parked_at, parked_reason FROM outbox_event WHERE event_id = ?""")
                    .param(tooLarge.eventId()).query().singleRow();
            assertThat(parked.get("parked_at")).isNotNull();
            assertThat((String) parked.get("parked_reason")).contains("RecordTooLargeException");
        });
        await().untilAsserted(() -> assertThat(meters.get("cpor.outbox.parked").gauge().value()).isEqualTo(1.0));
        // a claim's events never overtake each other: the later one waits behind the parked one
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_id = ? AND parked_at IS NULL")
                .param(sameClaimLater.eventId()).query(Long.class).single()).isEqualTo(1);
        assertThat(probe.drain(Duration.ofSeconds(1))).noneMatch(r -> blocked.equals(r.key()));

        // the runbook's replay after a fix (here: the payload made smaller), picked up at the relay's next look
        jdbc.sql("""
                        UPDATE outbox_event SET payload = ?, parked_at = NULL, parked_reason = NULL
                        WHERE event_id = ?""")
                .params(EventJson.write(comment(blocked, "fixed", tooLarge.eventId())), tooLarge.eventId()).update();

        ConsumerRecord<String, String> replayed = probe.await(r -> blocked.equals(r.key())
                && tooLarge.eventId().toString().equals(EventProbe.eventIdOf(r)), Duration.ofSeconds(30));
        ConsumerRecord<String, String> later = probe.await(r -> blocked.equals(r.key())
                && sameClaimLater.eventId().toString().equals(EventProbe.eventIdOf(r)), Duration.ofSeconds(30));
        assertThat(later.partition()).isEqualTo(replayed.partition());
        assertThat(later.offset()).isGreaterThan(replayed.offset());
        await().untilAsserted(() -> assertThat(meters.get("cpor.outbox.parked").gauge().value()).isZero());
    }

    @Test
    void an_event_of_a_newer_type_is_skipped_and_counted_not_dead_lettered_and_the_partition_keeps_flowing() {
        String claimId = "c-" + UUID.randomUUID();
        probe.send(Topics.REVIEWS, claimId, "{\"type\":\"review.escalated-to-robot\",\"eventId\":\""
                + UUID.randomUUID() + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"claimId\":\"" + claimId
                + "\",\"robot\":\"R2\"}", Map.of("ce_type", "review.escalated-to-robot"));
        send(approval(claimId, "after the newer one"));

        await().atMost(Duration.ofSeconds(30)).until(() -> applied(claimId) == 1);
        await().untilAsserted(() -> assertThat(meters.find("cpor.kafka.skipped.events")
                .tags("topic", Topics.REVIEWS, "type", "review.escalated-to-robot").counter())
                .isNotNull().extracting(c -> c.count()).isEqualTo(1.0));
        assertThat(probe.drain(Duration.ofSeconds(1))).noneMatch(r -> claimId.equals(r.key()));
    }

    @Test
    void every_topic_the_service_reads_or_writes_and_every_dead_letter_topic_exists_with_explicit_retention()
            throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            List<String> topics = List.of(Topics.CLAIMS, Topics.REVIEWS, Topics.deadLetterOf(Topics.REVIEWS));
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            assertThat(described.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();
            assertThat(retentionOf(configs, Topics.REVIEWS)).isEqualTo(Duration.ofDays(7).toMillis());
            assertThat(retentionOf(configs, Topics.CLAIMS)).isEqualTo(Duration.ofDays(7).toMillis());
            assertThat(retentionOf(configs, Topics.deadLetterOf(Topics.REVIEWS)))
                    .isEqualTo(Duration.ofDays(30).toMillis());
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.REVIEWS))
                    .get("min.insync.replicas").value()).isEqualTo("1");
        }
    }

    private static long retentionOf(Map<ConfigResource, Config> configs, String topic) {
        return Long.parseLong(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .get("retention.ms").value());
    }

    /** Makes PostgreSQL refuse (or accept again) connections to this test's database and drops the open ones. */
    private static void refuseConnections(boolean refuse) throws SQLException {
        PostgresServer postgres = Infrastructure.postgres();
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password());
             Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + DATABASE + "' AND pid <> pg_backend_pid()");
            }
        }
    }

    private void send(ReviewApproved event) {
        probe.send(Topics.REVIEWS, event.claimId(), EventJson.write(event), Map.of());
    }

    private long applied(String claimId) {
        return jdbc.sql("SELECT count(*) FROM test_effect WHERE claim_id = ? AND what = 'review.approved'")
                .param(claimId).query(Long.class).single();
    }

    private static ReviewApproved approval(String claimId, String comment) {
        return new ReviewApproved(UUID.randomUUID(), Instant.now(), claimId,
                new Actor("reviewer", "Réka", "reka@example.com", Actor.ActorKind.REVIEWER), comment);
    }

    private static CommentAdded comment(String claimId, String text) {
        return comment(claimId, text, UUID.randomUUID());
    }

    private static CommentAdded comment(String claimId, String text, UUID eventId) {
        return new CommentAdded(eventId, Instant.parse("2026-11-20T10:15:30Z"), claimId, "k-1",
                new Actor("partner-admin", "Piotr", "piotr@example.com", Actor.ActorKind.PARTNER), text, null);
    }
}
