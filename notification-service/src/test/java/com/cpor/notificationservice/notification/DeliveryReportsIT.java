package com.cpor.notificationservice.notification;

import com.cpor.events.Topics;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.platform.messaging.EventJson;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's consent notice is reported on cpor.notifications.v1 (consent-service starts the window on its
 * delivery), exactly once per outcome; its link reaches the customer but is never stored in clear.
 */
class DeliveryReportsIT extends NotificationServiceTestBase {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static EventProbe reports;

    @Autowired
    JdbcClient jdbc;

    private boolean smtpDown;

    @BeforeAll
    static void openProbe() {
        reports = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.NOTIFICATIONS);
    }

    @AfterAll
    static void closeProbe() {
        reports.close();
    }

    @AfterEach
    void smtpIsBack() {
        if (smtpDown) {
            SMTP.restart();
            smtpDown = false;
        }
    }

    @Test
    void sending_the_consent_notice_reports_it_delivered_once_even_when_the_event_is_redelivered() {
        SampleEvents sample = SampleEvents.forClaim("pl-PL");
        ConsentRequested consent = sample.consentRequested();

        publish(consent);
        awaitOneMailTo(sample.customerEmail());
        publishJson(Topics.CONSENTS, sample.claimId(), EventJson.write(consent), "consent.requested",
                consent.eventId().toString());

        ConsumerRecord<String, String> delivered = reports.await(EventProbe.typed("notification.delivered",
                sample.claimId()), PATIENCE);
        JsonNode report = JSON.readTree(delivered.value());
        assertThat(delivered.key()).isEqualTo(sample.claimId());
        assertThat(report.get("causeEventId").asString()).isEqualTo(consent.eventId().toString());
        assertThat(report.get("notice").asString()).isEqualTo("customer-consent-request");
        assertThat(report.get("notificationId").asString()).isEqualTo(idOf(sample.claimId(), "customer-consent-request"));
        assertThat(report.get("deliveredAt").isNull()).isFalse();
        assertThat(countReports(sample.claimId())).as("one report: partner mail is not reported").isEqualTo(1);
        assertThat(mailTo(sample.customerEmail())).hasSize(1);
    }

    @Test
    void the_customer_gets_a_working_link_but_the_stored_notice_holds_none() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("en-US");
        publish(sample.consentRequested());

        MimeMessage mail = awaitOneMailTo(sample.customerEmail());
        assertThat(part(mail, "text/plain")).contains(sample.consentUrl());
        Matcher link = HREF.matcher(part(mail, "text/html"));
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo(sample.consentUrl());

        await().atMost(PATIENCE).until(() -> "SENT".equals(entry(sample.claimId(), "customer-consent-request")
                .get("status").asString()));
        assertThat(storedRowsOf(sample.claimId())).isNotEmpty()
                .allSatisfy(row -> assertThat(row).doesNotContain(sample.consentUrl(), "tok-" + sample.claimId()))
                .anySatisfy(row -> assertThat(row).contains("https://redacted.invalid/secret-link"));
        assertThat(notificationsOf(sample.claimId()).toString()).doesNotContain("tok-" + sample.claimId());
    }

    @Test
    void a_consent_request_of_before_the_encryption_still_mails_the_link_and_stores_it_encrypted_only() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("hu-HU");
        publish(sample.legacyConsentRequested());

        assertThat(part(awaitOneMailTo(sample.customerEmail()), "text/plain")).contains(sample.consentUrl());
        await().atMost(PATIENCE).until(() -> "SENT".equals(entry(sample.claimId(), "customer-consent-request")
                .get("status").asString()));
        assertThat(storedRowsOf(sample.claimId())).allSatisfy(row -> assertThat(row).doesNotContain("tok-" + sample.claimId()));
    }

    @Test
    void exhausting_the_attempts_reports_the_notice_failed_once_and_a_replay_that_gets_through_reports_it_delivered() {
        SampleEvents sample = SampleEvents.forClaim("ru-RU");
        SMTP.stop();
        smtpDown = true;

        publish(sample.consentRequested());

        ConsumerRecord<String, String> failed = reports.await(EventProbe.typed("notification.failed", sample.claimId()),
                PATIENCE);
        assertThat(JSON.readTree(failed.value()).get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.value()).doesNotContain(sample.customerEmail(), "tok-");
        assertThat(storedRowsOf(sample.claimId())).allSatisfy(row -> assertThat(row).doesNotContain("tok-"));
        SMTP.restart();
        smtpDown = false;
        assertThat(reports.drain(Duration.ofSeconds(1)).stream()
                .filter(EventProbe.typed("notification.failed", sample.claimId()))).hasSize(1);

        String id = idOf(sample.claimId(), "customer-consent-request");
        assertThat(post("/api/v1/notifications/" + id + "/retry", com.cpor.devinfra.DevUser.STAFF)
                .statusCode()).isEqualTo(200);

        assertThat(part(awaitOneMailTo(sample.customerEmail()), "text/plain")).contains(sample.consentUrl());
        reports.await(EventProbe.typed("notification.delivered", sample.claimId()), PATIENCE);
        assertThat(countReports(sample.claimId())).isEqualTo(2);
    }

    private long countReports(String claimId) {
        return reports.drain(Duration.ofSeconds(1)).stream().filter(record -> claimId.equals(record.key())).count();
    }

    /** Everything stored about the claim's notifications, as text. */
    private List<String> storedRowsOf(String claimId) {
        return jdbc.sql("SELECT * FROM notification WHERE claim_id = ?").param(claimId).query()
                .listOfRows().stream().map(Map::toString).toList();
    }

    private String idOf(String claimId, String template) {
        return entry(claimId, template).get("id").asString();
    }

    private JsonNode entry(String claimId, String template) {
        for (JsonNode entry : notificationsOf(claimId)) {
            if (template.equals(entry.get("template").asString())) {
                return entry;
            }
        }
        throw new AssertionError("No " + template + " notification for " + claimId);
    }
}
