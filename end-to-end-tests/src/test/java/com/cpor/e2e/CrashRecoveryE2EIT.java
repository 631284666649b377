package com.cpor.e2e;

import com.cpor.devinfra.DevUser;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.cpor.platform.testsupport.EventProbe.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Killing services abruptly (SIGKILL) while a claim is in flight and starting them again loses nothing and
 * applies nothing twice: outbox rows survive in PostgreSQL, uncommitted Kafka offsets are redelivered, and
 * the inboxes discard what was already applied. The platform commits the killed services' offsets late, so the
 * crash always leaves applied records uncommitted and the test sees the redeliveries discarded.
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
        // what each process applied so far: none of it committed to Kafka yet (E2EPlatform commits offsets late)
        long claimsApplied = await().atMost(Duration.ofSeconds(30)).until(() -> inboxEvents(claims, "processed"), n -> n > 0);
        long consentsApplied = await().atMost(Duration.ofSeconds(30)).until(() -> inboxEvents(consents, "processed"), n -> n > 0);
        claims.kill();
        consents.kill();
        claims.start();
        consents.start();
        claims.awaitHealthy(Duration.ofMinutes(2));
        consents.awaitHealthy(Duration.ofMinutes(2));

        Claims.awaitClaim(claimId, claim -> !claim.get("eligibility").get("sentAt").isNull());
        // the crash caused redeliveries: every event the killed processes had applied came again, and the restarted
        // processes' inboxes (their counters start at zero) discarded them
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(inboxEvents(claims, "duplicate")).as("redeliveries claim-service discarded")
                    .isGreaterThanOrEqualTo(claimsApplied);
            assertThat(inboxEvents(consents, "duplicate")).as("redeliveries consent-service discarded")
                    .isGreaterThanOrEqualTo(consentsApplied);
        });
        List<ConsumerRecord<String, String>> records = probe.drain(Duration.ofSeconds(3));
        assertThat(count(records, "association.ready-for-evaluation", claimId)).isEqualTo(1);
        assertThat(count(records, "consent.requested", claimId)).isEqualTo(1);
        assertThat(count(records, "consent.window-elapsed", claimId)).isEqualTo(1);
        assertThat(count(records, "claim.sent-to-evaluation", claimId)).isEqualTo(1);
        // a redelivery applied again would be refused by the claim's state machine, and announced
        assertThat(count(records, "claim.outcome-refused", claimId)).isZero();
        // a re-sent record after a crash is the same event (same id); applying twice would make a second one
        assertThat(records.stream().filter(typed("claim.status-changed", claimId))
                .filter(record -> record.value().contains("\"toStatus\":\"APPROVED\""))
                .map(EventProbe::eventIdOf).distinct()).hasSize(1);
        assertThat(E2EPlatform.get().mail().messagesTo(customer)).hasSize(1);
    }

    private static long count(List<ConsumerRecord<String, String>> records, String type, String claimId) {
        return records.stream().filter(typed(type, claimId)).map(EventProbe::eventIdOf).distinct().count();
    }

    /** {@code cpor_inbox_events_total} of one outcome, over all consumers and types, since the process started. */
    private static long inboxEvents(ServiceProcess service, String outcome) {
        String text = E2EPlatform.as(DevUser.STAFF).get(service.baseUrl() + "/actuator/prometheus", "text/plain")
                .expect(200).body();
        Matcher sample = Pattern.compile("^cpor_inbox_events_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*}\\s+(\\S+)$", Pattern.MULTILINE).matcher(text);
        double total = 0;
        while (sample.find()) {
            total += Double.parseDouble(sample.group(1));
        }
        return Math.round(total);
    }
}
