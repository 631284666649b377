package com.cpor.e2e;

import com.cpor.events.Topics;
import com.cpor.localstack.ServiceProcess;
import com.cpor.platform.testsupport.EventProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.cpor.platform.testsupport.EventProbe.typed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Killing services abruptly (SIGKILL) while a claim is in flight and starting them again loses nothing and
 * applies nothing twice: outbox rows survive in PostgreSQL, uncommitted Kafka offsets are redelivered, and
 * the inboxes discard what was already applied.
 */
class CrashRecoveryE2EIT {

    private static EventProbe probe;

    @BeforeAll
    static void startPlatform() {
        probe = new EventProbe(E2EPlatform.get().kafkaBootstrapServers(),
                Topics.INCENTIVE_EVALUATION, Topics.CLAIMS, Topics.CONSENTS, Topics.REVIEWS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void killing_services_while_a_claim_is_in_flight_loses_nothing_and_applies_nothing_twice() {
        String customer = "crash+" + UUID.randomUUID() + "@contoso.example";
        String claimId = Claims.submitNewClaim(customer, "hu-HU");
        Claims.approve(claimId);

        // the approval is now travelling: review → claim → consent → notification
        ServiceProcess claims = E2EPlatform.get().service("claim-service");
        ServiceProcess consents = E2EPlatform.get().service("consent-service");
        claims.kill();
        consents.kill();
        claims.start();
        consents.start();
        claims.awaitHealthy(Duration.ofMinutes(2));
        consents.awaitHealthy(Duration.ofMinutes(2));

        Claims.awaitClaim(claimId, claim -> !claim.get("eligibility").get("sentAt").isNull());
        List<ConsumerRecord<String, String>> records = probe.drain(Duration.ofSeconds(3));
        assertThat(count(records, "association.ready-for-evaluation", claimId)).isEqualTo(1);
        assertThat(count(records, "consent.requested", claimId)).isEqualTo(1);
        assertThat(count(records, "consent.window-elapsed", claimId)).isEqualTo(1);
        // a re-sent record after a crash is the same event (same id); applying twice would make a second one
        assertThat(records.stream().filter(typed("claim.status-changed", claimId))
                .filter(record -> record.value().contains("\"toStatus\":\"APPROVED\""))
                .map(EventProbe::eventIdOf).distinct()).hasSize(1);
        assertThat(E2EPlatform.get().mail().messagesTo(customer)).hasSize(1);
    }

    private static long count(List<ConsumerRecord<String, String>> records, String type, String claimId) {
        return records.stream().filter(typed(type, claimId)).map(EventProbe::eventIdOf).distinct().count();
    }
}
