package com.cpor.reliability;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ClaimBody;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.devinfra.DevUser;
import com.cpor.devinfra.KafkaServer;
import com.cpor.events.Topics;
import com.cpor.localstack.Platform;
import com.cpor.platform.testsupport.Infrastructure;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clean first start: the four services started one after another in random order on an empty broker that does
 * not auto-create topics, with a PostgreSQL of their own. Whatever the order, every consumer group holds every
 * partition of every topic it reads, and the first claim reaches the review queue within seconds. (Before,
 * a consumer that started before the writer got a one-partition topic auto-created for it and saw the writer's
 * other partitions only after its next metadata refresh, five minutes later.)
 */
class FirstStartE2EIT {

    private static final Logger log = LoggerFactory.getLogger(FirstStartE2EIT.class);
    private static final int PARTITIONS = 3;
    /** What each service reads (its consumer group is its name). */
    private static final Map<String, List<String>> READS = Map.of(
            "claim-service", List.of(Topics.REVIEWS, Topics.CONSENTS),
            "review-service", List.of(Topics.CLAIMS),
            "consent-service", List.of(Topics.CLAIMS, Topics.NOTIFICATIONS),
            "notification-service", List.of(Topics.CLAIMS, Topics.REVIEWS, Topics.CONSENTS));

    @Test
    void services_started_in_random_order_on_an_empty_broker_hold_every_partition_and_queue_the_first_claim()
            throws Exception {
        List<String> order = new ArrayList<>(Platform.SERVICES);
        Collections.shuffle(order);
        log.info("First start in the order {}", order);
        Path home = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();
        KafkaServer emptyBroker = Infrastructure.freshKafka();
        try (Platform platform = Platform.startOneByOne(new Platform.Settings(home, null, Platform.Ports.free(),
                        Map.of("*", Map.of("cpor.messaging.partitions", String.valueOf(PARTITIONS),
                                "cpor.outbox.poll-interval", "200ms")),
                        true, home.resolve("reliability-tests/target/reliability-service-logs/first-start"), emptyBroker),
                order);
             AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     emptyBroker.bootstrapServers()))) {

            await("every consumer group holds every partition of what it reads (order " + order + ")")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(assignments(admin)).isEqualTo(expectedAssignments()));

            String claimId = submitClaim(platform);
            ApiClient reviewer = ApiClient.withToken(platform.identity().tokenFor(DevUser.REVIEWER));
            await("the first claim is queued for review (order " + order + ")")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> reviewer.get(platform.service("review-service").baseUrl() + "/api/v1/reviews/"
                            + claimId).status() == 200);
        } finally {
            emptyBroker.stop();
        }
    }

    private static Map<String, Set<TopicPartition>> expectedAssignments() {
        return READS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, reads -> reads.getValue().stream()
                .flatMap(topic -> IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)))
                .collect(Collectors.toSet())));
    }

    /** The partitions of the topics each group reads that its members hold now. */
    private static Map<String, Set<TopicPartition>> assignments(AdminClient admin) throws Exception {
        Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(READS.keySet()).all().get();
        return groups.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, group -> group.getValue()
                .members().stream()
                .map(MemberDescription::assignment)
                .flatMap(assignment -> assignment.topicPartitions().stream())
                .filter(partition -> READS.get(group.getKey()).contains(partition.topic()))
                .collect(Collectors.toSet())));
    }

    private static String submitClaim(Platform platform) {
        ApiClient partner = ApiClient.withToken(platform.identity().tokenFor(DevUser.PARTNER_ADMIN));
        return new ClaimFixtures(partner, platform.service("claim-service").baseUrl() + ClaimFixtures.CLAIMS)
                .submitted(ClaimBody.valid().customerEmail("first+" + UUID.randomUUID() + "@contoso.example").toMap());
    }
}
