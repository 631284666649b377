package com.cpor.consentservice.consent;

import com.cpor.consentservice.ConsentServiceTest;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static com.cpor.consentservice.ConsentFixtures.awaitEvent;
import static com.cpor.consentservice.ConsentFixtures.countEvents;
import static com.cpor.consentservice.ConsentFixtures.json;
import static com.cpor.consentservice.ConsentFixtures.newClaimId;
import static com.cpor.consentservice.ConsentFixtures.publish;
import static com.cpor.consentservice.ConsentFixtures.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ConsentServiceTest
class ConsentWindowLifecycleIT {

    private static EventProbe probe;

    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.CONSENTS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void approval_opens_one_window_and_requests_consent_once_even_when_redelivered() {
        String claimId = newClaimId();
        Instant approvedAt = clock.instant();
        ClaimStatusChanged approval = statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, approvedAt, "pl-PL");
        publish(probe, approval);
        publish(probe, approval);

        ConsumerRecord<String, String> requested = awaitEvent(probe, "consent.requested", claimId);
        JsonNode event = json(requested);
        assertThat(Instant.parse(event.get("windowEndsAt").asString())).isEqualTo(approvedAt.plus(Duration.ofDays(7)));
        assertThat(event.get("consentUrl").asString()).matches("https://consent\\.cpor\\.example/consent/[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}");
        assertThat(event.get("claim").get("customerContact").get("locale").asString()).isEqualTo("pl-PL");
        assertThat(event.get("consentId").asString()).startsWith("cw-");

        // a second approval event while the window is open (a replay with a new id) opens nothing either
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, approvedAt, "pl-PL"));
        String marker = newClaimId();
        publish(probe, statusChanged(marker, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));
        awaitEvent(probe, "consent.requested", marker);
        assertThat(countEvents(probe, "consent.requested", claimId)).isEqualTo(1);
        assertThat(windows(claimId, "OPEN")).isEqualTo(1);
        assertThat(meters.get("cpor.consent.windows.open").gauge().value()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void window_elapses_exactly_once_when_its_time_is_up() {
        String claimId = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));
        String consentId = json(awaitEvent(probe, "consent.requested", claimId)).get("consentId").asString();

        clock.advance(Duration.ofDays(7).plusSeconds(1));

        JsonNode elapsed = json(awaitEvent(probe, "consent.window-elapsed", claimId));
        assertThat(elapsed.get("consentId").asString()).isEqualTo(consentId);
        assertThat(countEvents(probe, "consent.window-elapsed", claimId)).isEqualTo(1);
        assertThat(windows(claimId, "ELAPSED")).isEqualTo(1);
    }

    @Test
    void withdrawal_during_the_window_closes_it_and_nothing_elapses() {
        String withdrawn = newClaimId();
        String untouched = newClaimId();
        publish(probe, statusChanged(withdrawn, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "hu-HU"));
        publish(probe, statusChanged(untouched, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "hu-HU"));
        awaitEvent(probe, "consent.requested", withdrawn);
        awaitEvent(probe, "consent.requested", untouched);

        publish(probe, statusChanged(withdrawn, ClaimStatus.APPROVED, ClaimStatus.REJECTED, clock.instant(), "hu-HU",
                "PARTNER_REQUEST"));
        await().atMost(Duration.ofSeconds(30)).until(() -> windows(withdrawn, "CLOSED") == 1);
        clock.advance(Duration.ofDays(8));

        awaitEvent(probe, "consent.window-elapsed", untouched);
        assertThat(countEvents(probe, "consent.window-elapsed", withdrawn)).isZero();
        assertThat(jdbc.sql("SELECT state FROM durable_timer WHERE claim_id = ?").param(withdrawn)
                .query(String.class).single()).isEqualTo("CANCELLED");
    }

    @Test
    void overturned_dispute_opens_a_new_window() {
        String claimId = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.REJECTED, clock.instant(), "zh-CN",
                "INSUFFICIENT_POE"));
        publish(probe, statusChanged(claimId, ClaimStatus.REJECTED, ClaimStatus.DISPUTED, clock.instant(), "zh-CN"));
        publish(probe, statusChanged(claimId, ClaimStatus.DISPUTED, ClaimStatus.APPROVED, clock.instant(), "zh-CN"));

        awaitEvent(probe, "consent.requested", claimId);
        assertThat(windows(claimId, "OPEN")).isEqualTo(1);
    }

    @Test
    void approvals_from_other_statuses_open_nothing() {
        String claimId = newClaimId();
        String marker = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, clock.instant(), "en-US"));
        publish(probe, statusChanged(marker, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));

        awaitEvent(probe, "consent.requested", marker);
        assertThat(countEvents(probe, "consent.requested", claimId)).isZero();
        assertThat(windows(claimId, "OPEN")).isZero();
    }

    @Test
    void approval_without_a_claim_snapshot_goes_to_the_dead_letter_topic_and_opens_nothing() {
        String claimId = newClaimId();
        ClaimStatusChanged complete = statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US");
        ClaimStatusChanged withoutSnapshot = new ClaimStatusChanged(complete.eventId(), complete.occurredAt(), claimId,
                complete.fromStatus(), complete.toStatus(), complete.actor(), complete.reasonCodes(), null, null);
        try (EventProbe deadLetters = new EventProbe(Infrastructure.kafka().bootstrapServers(),
                Topics.deadLetterOf(Topics.CLAIMS))) {
            publish(probe, withoutSnapshot);

            ConsumerRecord<String, String> dead = deadLetters.await(r -> claimId.equals(r.key()), Duration.ofSeconds(30));
            assertThat(EventProbe.header(dead, "kafka_dlt-exception-message")).contains("no claim snapshot");
        }
        assertThat(windows(claimId, "OPEN")).isZero();
    }

    private long windows(String claimId, String status) {
        return jdbc.sql("SELECT count(*) FROM consent_window WHERE claim_id = ? AND status = ?")
                .params(claimId, status).query(Long.class).single();
    }
}
