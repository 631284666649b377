package com.cpor.consentservice.consent;

import com.cpor.consentservice.ConsentServiceTest;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import com.cpor.platform.timers.TimerPoller;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import static com.cpor.consentservice.ConsentFixtures.awaitEvent;
import static com.cpor.consentservice.ConsentFixtures.countEvents;
import static com.cpor.consentservice.ConsentFixtures.json;
import static com.cpor.consentservice.ConsentFixtures.linkOf;
import static com.cpor.consentservice.ConsentFixtures.noticeDelivered;
import static com.cpor.consentservice.ConsentFixtures.noticeFailed;
import static com.cpor.consentservice.ConsentFixtures.openDelivered;
import static com.cpor.consentservice.ConsentFixtures.tokenOf;
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
    @Autowired
    TimerPoller poller;

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
        double openBefore = meters.get("cpor.consent.windows.open").gauge().value();
        Instant approvedAt = clock.instant();
        ClaimStatusChanged approval = statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, approvedAt, "pl-PL");
        publish(probe, approval);
        publish(probe, approval);

        ConsumerRecord<String, String> requested = awaitEvent(probe, "consent.requested", claimId);
        JsonNode event = json(requested);
        assertThat(Instant.parse(event.get("windowEndsAt").asString())).as("estimate: delivered at once")
                .isEqualTo(approvedAt.plus(Duration.ofDays(7)));
        assertThat(linkOf(requested)).matches("https://consent\\.cpor\\.example/consent/[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}");
        assertThat(event.get("claim").get("customerContact").get("locale").asString()).isEqualTo("pl-PL");
        assertThat(event.get("consentId").asString()).startsWith("cw-");

        // a second approval event while the window is open (a replay with a new id) opens nothing either
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, approvedAt, "pl-PL"));
        // the barrier: same claim, so same partition, behind both; an approval from SUBMITTED changes nothing
        ClaimStatusChanged barrier = statusChanged(claimId, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, approvedAt, "pl-PL");
        publish(probe, barrier);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(barrier.eventId()));
        assertThat(countEvents(probe, "consent.requested", claimId)).isEqualTo(1);
        assertThat(windows(claimId, "OPEN")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM consent_window WHERE claim_id = ?").param(claimId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(meters.get("cpor.consent.windows.open").gauge().value() - openBefore).isEqualTo(1.0);
    }

    @Test
    void the_consent_request_carries_the_link_only_encrypted_for_the_mailer() {
        String claimId = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));

        ConsumerRecord<String, String> requested = awaitEvent(probe, "consent.requested", claimId);
        String token = tokenOf(requested);

        assertThat(requested.value()).doesNotContain(token, token.substring(0, 43), token.substring(44), "/consent/");
        assertThat(json(requested).get("consentUrl").isNull()).isTrue();
        for (var header : requested.headers()) {
            assertThat(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("header %s", header.key()).doesNotContain(token.substring(0, 43), "/consent/");
        }
        assertThat(json(requested).get("consentLink").get("keyId").asString()).startsWith("k-");
    }

    @Test
    void without_a_delivery_report_the_window_never_elapses() {
        String claimId = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));
        awaitEvent(probe, "consent.requested", claimId);
        String marker = newClaimId();
        openDelivered(probe, marker, clock.instant(), "en-US");
        await().atMost(Duration.ofSeconds(30)).until(() -> notice(marker).equals("DELIVERED"));

        clock.advance(Duration.ofDays(30));

        awaitEvent(probe, "consent.window-elapsed", marker);
        assertThat(countEvents(probe, "consent.window-elapsed", claimId)).isZero();
        assertThat(windows(claimId, "OPEN")).isEqualTo(1);
        assertThat(notice(claimId)).isEqualTo("AWAITING_DELIVERY");
    }

    @Test
    void after_a_delivery_report_the_window_elapses_once_at_delivery_plus_its_length_however_often_reported() {
        String claimId = newClaimId();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));
        ConsumerRecord<String, String> requested = awaitEvent(probe, "consent.requested", claimId);
        String consentId = json(requested).get("consentId").asString();
        clock.advance(Duration.ofDays(2)); // the notice took two days to get through
        Instant deliveredAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var delivered = noticeDelivered(requested, deliveredAt);
        publish(probe, delivered);
        publish(probe, delivered);
        await().atMost(Duration.ofSeconds(30)).until(() -> notice(claimId).equals("DELIVERED"));
        // a later report (e.g. of a resent copy) does not restart a running window
        publish(probe, noticeDelivered(requested, deliveredAt.plus(Duration.ofDays(1))));
        Instant endsAt = deliveredAt.plus(Duration.ofDays(7));

        assertThat(windowEnd(claimId)).isEqualTo(endsAt);
        // a millisecond before the end: past the approval-based estimate, and a whole firing pass finds nothing due
        clock.set(endsAt.minusMillis(1));
        poller.fireDueTimers();
        assertThat(timerState(consentId)).isEqualTo("PENDING");
        assertThat(windows(claimId, "OPEN")).isEqualTo(1);
        clock.set(endsAt.plusMillis(1));

        JsonNode elapsed = json(awaitEvent(probe, "consent.window-elapsed", claimId));
        assertThat(elapsed.get("consentId").asString()).isEqualTo(consentId);
        assertThat(Instant.parse(elapsed.get("windowEndedAt").asString())).isEqualTo(endsAt);
        poller.fireDueTimers(); // a pass after it fired: nothing fires a second time
        assertThat(countEvents(probe, "consent.window-elapsed", claimId)).isEqualTo(1);
        assertThat(windows(claimId, "ELAPSED")).isEqualTo(1);
    }

    @Test
    void windows_ending_together_elapse_once_each_even_with_an_unreadable_claim_snapshot_and_a_closed_one_stays_closed() {
        List<String> claimIds = IntStream.range(0, 5).mapToObj(i -> newClaimId()).toList();
        Instant deliveredAt = clock.instant();
        claimIds.forEach(claimId -> openDelivered(probe, claimId, deliveredAt, "en-US"));
        await().atMost(Duration.ofSeconds(30)).until(() -> claimIds.stream().allMatch(id -> notice(id).equals("DELIVERED")));
        // closing a window needs nothing of its claim, so a snapshot nobody can read no longer holds it open
        String unreadable = claimIds.get(1);
        jdbc.sql("UPDATE consent_window SET claim_snapshot = 'not a claim' WHERE claim_id = ?").param(unreadable).update();
        // closed while its timer still runs: only the window's own rule keeps the timer from elapsing it
        String closed = claimIds.get(3);
        Instant closedAt = deliveredAt.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("UPDATE consent_window SET status = 'CLOSED', closed_at = ? WHERE claim_id = ?")
                .params(Timestamp.from(closedAt), closed).update();

        clock.advance(Duration.ofDays(8));
        poller.fireDueTimers(); // one pass over every share: the windows fire as one batch (unless a live worker is first)

        List<String> elapsing = claimIds.stream().filter(claimId -> !claimId.equals(closed)).toList();
        elapsing.forEach(claimId -> awaitEvent(probe, "consent.window-elapsed", claimId));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT state FROM durable_timer WHERE claim_id = ?")
                .param(closed).query(String.class).single().equals("FIRED"));
        for (String claimId : elapsing) {
            assertThat(countEvents(probe, "consent.window-elapsed", claimId)).isEqualTo(1);
            assertThat(windows(claimId, "ELAPSED")).isEqualTo(1);
            assertThat(jdbc.sql("SELECT closed_at IS NOT NULL FROM consent_window WHERE claim_id = ?").param(claimId)
                    .query(Boolean.class).single()).isTrue();
        }
        assertThat(countEvents(probe, "consent.window-elapsed", closed)).isZero();
        assertThat(windows(closed, "CLOSED")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT closed_at FROM consent_window WHERE claim_id = ?").param(closed)
                .query(Timestamp.class).single().toInstant()).isEqualTo(closedAt);
    }

    @Test
    void a_window_whose_closing_fails_holds_none_back_and_elapses_once_repaired() {
        List<String> claimIds = IntStream.range(0, 4).mapToObj(i -> newClaimId()).toList();
        Instant deliveredAt = clock.instant();
        claimIds.forEach(claimId -> openDelivered(probe, claimId, deliveredAt, "en-US"));
        await().atMost(Duration.ofSeconds(30)).until(() -> claimIds.stream().allMatch(id -> notice(id).equals("DELIVERED")));
        String failing = claimIds.get(2);
        // a trigger refusing to update this one window stands in for any failure of its closing
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_refuse_window_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the test refuses to close this window'; END $$
                """).update();
        jdbc.sql("CREATE TRIGGER test_refuse_window_update BEFORE UPDATE ON consent_window FOR EACH ROW WHEN (OLD.claim_id = '"
                + failing + "') EXECUTE FUNCTION test_refuse_window_update()").update();
        try {
            clock.advance(Duration.ofDays(8));
            poller.fireDueTimers();

            claimIds.stream().filter(claimId -> !claimId.equals(failing))
                    .forEach(claimId -> awaitEvent(probe, "consent.window-elapsed", claimId));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                            "SELECT attempts FROM durable_timer WHERE claim_id = ? AND state = 'PENDING'").param(failing)
                    .query(Integer.class).optional().orElse(0) >= 1);
            assertThat(windows(failing, "OPEN")).isEqualTo(1);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_refuse_window_update ON consent_window").update();
        }

        clock.advance(Duration.ofMinutes(1)); // past the retry back-off
        awaitEvent(probe, "consent.window-elapsed", failing);
        for (String claimId : claimIds) {
            assertThat(countEvents(probe, "consent.window-elapsed", claimId)).isEqualTo(1);
            assertThat(windows(claimId, "ELAPSED")).isEqualTo(1);
        }
    }

    @Test
    void a_failed_notice_holds_the_window_alerts_and_a_resent_notice_starts_it() {
        String claimId = newClaimId();
        double undeliveredBefore = meters.get("cpor.consent.notices.undelivered").counter().count();
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), "en-US"));
        ConsumerRecord<String, String> requested = awaitEvent(probe, "consent.requested", claimId);
        var failed = noticeFailed(requested, clock.instant());
        publish(probe, failed);
        publish(probe, failed);

        await().atMost(Duration.ofSeconds(30)).until(() -> notice(claimId).equals("FAILED"));
        clock.advance(Duration.ofDays(10));
        String marker = newClaimId();
        openDelivered(probe, marker, clock.instant().minus(Duration.ofDays(8)), "en-US");
        awaitEvent(probe, "consent.window-elapsed", marker);
        assertThat(countEvents(probe, "consent.window-elapsed", claimId)).isZero();
        assertThat(meters.get("cpor.consent.notices.undelivered").counter().count() - undeliveredBefore).isEqualTo(1);

        // an operator resends the notice; its delivery starts the window
        publish(probe, noticeDelivered(requested, clock.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> notice(claimId).equals("DELIVERED"));
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        awaitEvent(probe, "consent.window-elapsed", claimId);
    }

    @Test
    void withdrawal_during_the_window_closes_it_and_nothing_elapses() {
        String withdrawn = newClaimId();
        String untouched = newClaimId();
        openDelivered(probe, withdrawn, clock.instant(), "hu-HU");
        openDelivered(probe, untouched, clock.instant(), "hu-HU");
        await().atMost(Duration.ofSeconds(30)).until(() -> notice(withdrawn).equals("DELIVERED")
                && notice(untouched).equals("DELIVERED"));

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

    private String notice(String claimId) {
        return jdbc.sql("SELECT notice_status FROM consent_window WHERE claim_id = ?").param(claimId)
                .query(String.class).optional().orElse("");
    }

    private boolean processed(java.util.UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId)
                .query(Long.class).single() > 0;
    }

    private String timerState(String consentId) {
        return jdbc.sql("SELECT state FROM durable_timer WHERE timer_id = ?")
                .param(com.cpor.consentservice.consent.domain.ConsentWindow.timerIdOf(consentId))
                .query(String.class).single();
    }

    private Instant windowEnd(String claimId) {
        return jdbc.sql("SELECT window_ends_at FROM consent_window WHERE claim_id = ?").param(claimId)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private long windows(String claimId, String status) {
        return jdbc.sql("SELECT count(*) FROM consent_window WHERE claim_id = ? AND status = ?")
                .params(claimId, status).query(Long.class).single();
    }
}
