package com.cpor.reliability;

import com.cpor.apiclient.ApiClient;
import com.cpor.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reliability oracles judge a planted run: a clean one passes, and each planted violation (what a broken
 * service would leave behind) is reported by the oracle that names it. Cheaper than breaking a service and running
 * the fault suite, which runs these oracles on a real platform.
 */
class OraclesTest {

    private static final Instant WINDOW_ENDS = Instant.parse("2026-11-30T12:00:15Z");

    private final List<ClaimRun> runs = new ArrayList<>();
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final Map<String, JsonNode> claims = new HashMap<>();
    private final List<Oracles.Notification> notifications = new ArrayList<>();
    private final List<Oracles.ConsentWindow> windows = new ArrayList<>();
    private final List<Oracles.Timer> timers = new ArrayList<>();
    private final List<Oracles.Mail> mails = new ArrayList<>();
    private Oracles.Faults faults = Oracles.Faults.NONE;
    private ClaimRun elapsed;
    private ClaimRun declined;

    @BeforeEach
    void a_run_with_every_ending() {
        for (Ending ending : Ending.values()) {
            ClaimRun run = run(ending, ending == Ending.CUSTOMER_DECLINED);
            if (ending == Ending.WINDOW_ELAPSED) {
                elapsed = run;
            }
            if (ending == Ending.CUSTOMER_DECLINED) {
                declined = run;
            }
        }
    }

    @Test
    void a_run_where_everything_happened_once_has_no_violations() {
        Oracles oracles = judge();

        assertThat(oracles.violations()).isEmpty();
        assertThat(oracles.verdicts.keySet()).contains("every event type once", "timers fire once",
                "every mail has its notification row", "re-sends bounded", "a customer decline acknowledged");
    }

    @Test
    void a_record_sent_again_with_the_same_event_id_is_not_a_second_event() {
        ConsumerRecord<String, String> elapsedEvent = records.stream()
                .filter(record -> "consent.window-elapsed".equals(com.cpor.platform.testsupport.EventProbe.header(record, "ce_type")))
                .findFirst().orElseThrow();
        records.add(record(elapsedEvent.topic(), elapsedEvent.key(), "consent.window-elapsed",
                com.cpor.platform.testsupport.EventProbe.eventIdOf(elapsedEvent), "{}"));

        assertThat(judge().violations()).isEmpty();
    }

    @Test
    void a_consent_window_timer_firing_twice_is_a_violation_though_claim_service_refuses_the_second() {
        event(elapsed, Topics.CONSENTS, "consent.window-elapsed");
        event(elapsed, Topics.CLAIMS, "claim.outcome-refused");
        timers.add(new Oracles.Timer("consent-service", "consent-window:" + elapsed.claimId + ":again", "consent-window",
                elapsed.claimId, "FIRED", false));

        assertThat(violations(judge(), "every event type once")).singleElement().asString()
                .contains("consent.window-elapsed=2 (expected 1)", "claim.outcome-refused=1 (expected 0)");
        assertThat(violations(judge(), "timers fire once")).singleElement().asString()
                .contains("consent-window timers fired 2");
    }

    @Test
    void a_redelivery_past_the_inbox_that_claim_service_refused_is_a_violation() {
        event(elapsed, Topics.CLAIMS, "claim.outcome-refused");

        assertThat(violations(judge(), "every event type once")).singleElement().asString()
                .contains(elapsed.claimId, "claim.outcome-refused=1 (expected 0)");
    }

    @Test
    void a_review_timer_that_fired_is_a_violation() {
        event(elapsed, Topics.REVIEWS, "review.sla-breached");
        timers.add(new Oracles.Timer("review-service", "review-start-sla:" + elapsed.claimId + ":1", "review-start-sla",
                elapsed.claimId, "FIRED", false));

        assertThat(violations(judge(), "every event type once")).singleElement().asString()
                .contains("review.sla-breached=1 (expected 0)");
        assertThat(violations(judge(), "timers fire once")).singleElement().asString()
                .contains("review timers fired [review-start-sla:" + elapsed.claimId + ":1]");
    }

    @Test
    void a_timer_left_overdue_or_failed_is_a_violation() {
        timers.add(new Oracles.Timer("consent-service", "consent-window:" + declined.claimId + ":x", "consent-window",
                declined.claimId, "PENDING", true));

        assertThat(violations(judge(), "timers fire once")).singleElement().asString().contains("PENDING");
    }

    @Test
    void a_missing_delivery_report_on_the_notifications_topic_is_a_violation() {
        records.removeIf(record -> record.topic().equals(Topics.NOTIFICATIONS) && record.key().equals(elapsed.claimId));

        assertThat(violations(judge(), "every event type once")).singleElement().asString()
                .contains("cpor.notifications.v1 notification.delivered=0 (expected 1)");
    }

    @Test
    void a_legitimate_event_on_the_notifications_dead_letter_topic_is_a_violation() {
        ConsumerRecord<String, String> dead = record(Topics.deadLetterOf(Topics.NOTIFICATIONS), elapsed.claimId,
                "notification.delivered", UUID.randomUUID().toString(), "{}");
        dead.headers().add("kafka_dlt-original-consumer-group", "consent-service".getBytes(StandardCharsets.UTF_8));
        records.add(dead);

        assertThat(violations(judge(), "dead-letter topics hold exactly the poison")).singleElement().asString()
                .contains("cpor.notifications.v1-dlt / consent-service: injected 0, dead-lettered 1");
    }

    @Test
    void a_mail_sent_again_without_a_crash_is_a_violation() {
        mails.add(mails.getFirst());

        assertThat(violations(judge(), "re-sends bounded")).singleElement().asString()
                .contains("1 mails accepted more than once, 0 notification-service crashes and PostgreSQL stops");
    }

    @Test
    void a_mail_sent_three_times_is_a_violation_even_after_crashes() {
        mails.add(mails.getFirst());
        mails.add(mails.getFirst());
        faults = new Oracles.Faults(3, Set.of());

        assertThat(violations(judge(), "re-sends bounded")).singleElement().asString()
                .contains(mails.getFirst().notificationId() + " accepted 3 times");
    }

    @Test
    void a_sending_cut_by_a_kill_must_be_sent_again_exactly_once() {
        String cut = mails.getFirst().notificationId();
        faults = new Oracles.Faults(1, Set.of(cut));

        assertThat(violations(judge(), "re-sends bounded")).singleElement().asString()
                .contains(cut + " accepted 1 times (its sending was cut by a SIGKILL)");

        mails.add(mails.getFirst());
        assertThat(judge().violations()).isEmpty();
    }

    @Test
    void a_mail_without_its_notification_row_or_to_another_recipient_is_a_violation() {
        mails.add(new Oracles.Mail(UUID.randomUUID().toString(), Set.of(elapsed.customerEmail)));
        Oracles.Notification row = notifications.getFirst();
        mails.add(new Oracles.Mail(row.id(), Set.of("someone-else@contoso.example")));
        faults = new Oracles.Faults(1, Set.of());

        assertThat(violations(judge(), "every mail has its notification row")).hasSize(2)
                .anySatisfy(violation -> assertThat(violation).contains("no notification row"))
                .anySatisfy(violation -> assertThat(violation).contains("someone-else@contoso.example"));
    }

    @Test
    void a_notification_row_without_its_mail_is_a_violation() {
        Oracles.Notification row = notifications.stream().filter(n -> n.claimId().equals(elapsed.claimId))
                .findFirst().orElseThrow();
        mails.removeIf(mail -> mail.notificationId().equals(row.id()));

        assertThat(violations(judge(), "e-mails once")).singleElement().asString().contains(elapsed.claimId);
    }

    @Test
    void a_decline_refused_inside_the_window_is_a_violation() {
        ClaimRun refused = run(Ending.CUSTOMER_DECLINED, false);
        refused.declineRefusedAt = WINDOW_ENDS.minusSeconds(5);
        refused.declineRefusal = 410;

        assertThat(violations(judge(), "declines refused only after the window")).singleElement().asString()
                .contains(refused.claimId, "410");

        refused.declineRefusedAt = WINDOW_ENDS.plusMillis(1);
        assertThat(judge().violations()).isEmpty();
    }

    @Test
    void a_consent_page_refusing_every_decline_fails_the_run() {
        runs.clear();
        records.clear();
        claims.clear();
        notifications.clear();
        windows.clear();
        timers.clear();
        mails.clear();
        ClaimRun refused = run(Ending.CUSTOMER_DECLINED, false);
        // after the window: each refusal on its own is allowed, but not every decline of a run
        refused.declineRefusedAt = WINDOW_ENDS.plusSeconds(1);
        refused.declineRefusal = 409;

        Oracles oracles = judge();
        assertThat(violations(oracles, "a customer decline acknowledged")).singleElement().asString()
                .contains("none of the 1 customer declines was acknowledged");
        assertThat(violations(oracles, "declines refused only after the window")).isEmpty();
    }

    private Oracles judge() {
        Oracles oracles = new Oracles(null);
        oracles.judge(runs, List.of(), faults,
                new Oracles.Observations(records, claims, notifications, windows, timers, mails));
        return oracles;
    }

    private static List<String> violations(Oracles oracles, String verdict) {
        Oracles.Verdict found = oracles.verdicts.get(verdict);
        assertThat(found).as(verdict).isNotNull();
        return found.violations;
    }

    /** A run that went as its scenario says: its events, final state, consent window, timers, notifications and mails. */
    private ClaimRun run(Ending ending, boolean declineAcknowledged) {
        ClaimRun run = ClaimDriver.newRun(ending);
        run.claimId = "claim-" + UUID.randomUUID();
        run.acknowledgedAt = WINDOW_ENDS.minusSeconds(60);
        run.declineAcknowledged = declineAcknowledged;
        run.finishedAt = WINDOW_ENDS.plusSeconds(5);
        runs.add(run);

        String previous = "EDITING";
        for (String status : ending.expectedPath(declineAcknowledged)) {
            records.add(record(Topics.CLAIMS, run.claimId, "claim.status-changed", UUID.randomUUID().toString(),
                    "{\"fromStatus\":\"" + previous + "\",\"toStatus\":\"" + status + "\"}"));
            previous = status;
        }
        ending.expectedEvents(declineAcknowledged).forEach((event, count) -> {
            String[] topicAndType = event.split(" ", 2);
            if (!topicAndType[1].equals("claim.status-changed")) {
                for (int i = 0; i < count; i++) {
                    event(run, topicAndType[0], topicAndType[1]);
                }
            }
        });

        String reason = ending.rejectionReason(declineAcknowledged);
        boolean sent = ending.sentToEvaluation(declineAcknowledged);
        claims.put(run.claimId, ApiClient.JSON.readTree("{\"status\":\"" + (reason == null ? "APPROVED" : "REJECTED") + "\","
                + "\"rejection\":" + (reason == null ? "null" : "{\"reason\":\"" + reason + "\"}") + ","
                + "\"eligibility\":{\"sentAt\":" + (sent ? "\"2026-11-30T12:00:16Z\"" : "null") + "}}"));

        timers.add(new Oracles.Timer("review-service", "review-start-sla:" + run.claimId + ":1", "review-start-sla",
                run.claimId, "CANCELLED", false));
        if (ending.approved()) {
            windows.add(new Oracles.ConsentWindow(run.claimId, sent ? "ELAPSED" : "DECLINED", WINDOW_ENDS));
            timers.add(new Oracles.Timer("consent-service", "consent-window:" + run.claimId, "consent-window",
                    run.claimId, sent ? "FIRED" : "CANCELLED", false));
        }
        ending.customerTemplates().forEach(template -> notice(run, template, run.customerEmail));
        ending.partnerTemplates(declineAcknowledged).forEach(template -> notice(run, template, run.partnerEmail));
        return run;
    }

    private void notice(ClaimRun run, String template, String recipient) {
        String id = UUID.randomUUID().toString();
        notifications.add(new Oracles.Notification(id, run.claimId, template, recipient, "SENT"));
        mails.add(new Oracles.Mail(id, Set.of(recipient)));
    }

    private void event(ClaimRun run, String topic, String type) {
        records.add(record(topic, run.claimId, type, UUID.randomUUID().toString(), "{}"));
    }

    private ConsumerRecord<String, String> record(String topic, String key, String type, String eventId, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, records.size(), key, value);
        record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
