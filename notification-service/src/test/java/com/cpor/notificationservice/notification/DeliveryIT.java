package com.cpor.notificationservice.notification;

import com.cpor.devinfra.DevUser;
import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import com.cpor.notificationservice.notification.application.NotificationStore;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationId;
import com.cpor.notificationservice.notification.domain.NotificationStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SMTP outages: back-off retries, FAILED after the last attempt, replay by staff; the log's access rules. */
class DeliveryIT extends NotificationServiceTestBase {

    @Autowired
    MeterRegistry meters;

    @Autowired
    NotificationStore store;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Value("${cpor.notifications.message-id-domain:notifications.cpor.example}")
    String messageIdDomain;

    private boolean smtpDown;

    @AfterEach
    void smtpIsBack() {
        if (smtpDown) {
            startSmtp();
        }
    }

    private void stopSmtp() {
        SMTP.stop();
        smtpDown = true;
    }

    private void startSmtp() {
        SMTP.restart();
        smtpDown = false;
    }

    @Test
    void mail_is_retried_with_back_off_and_arrives_once_the_smtp_server_is_back() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("ru-RU");
        stopSmtp();

        publish(sample.consentRequested());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(notificationsOf(sample.claimId()))
                .isNotEmpty()
                .allSatisfy(entry -> {
                    assertThat(entry.get("status").asString()).isEqualTo("PENDING");
                    assertThat(entry.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
                    assertThat(entry.get("lastError").asString()).isNotBlank();
                }));
        startSmtp();

        assertThat(awaitOneMailTo(sample.customerEmail()).getSubject()).startsWith("Сопоставление партнера");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(notificationsOf(sample.claimId())).hasSize(2)
                .allSatisfy(entry -> {
                    assertThat(entry.get("status").asString()).isEqualTo("SENT");
                    assertThat(entry.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
                }));
        assertThat(mailTo(sample.customerEmail())).hasSize(1);
    }

    @Test
    void after_the_last_attempt_a_notification_is_failed_listed_for_operators_and_replayed_on_request() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("zh-CN");
        double failedBefore = failedCount();
        stopSmtp();

        publish(sample.consentRequested());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(notificationsOf(sample.claimId())).hasSize(2)
                .allSatisfy(entry -> {
                    assertThat(entry.get("status").asString()).isEqualTo("FAILED");
                    assertThat(entry.get("attempts").asInt()).isEqualTo(3);
                }));
        assertThat(failedCount() - failedBefore).isEqualTo(2);
        JsonNode deadLetters = JSON.readTree(get("/api/v1/notifications?status=FAILED", DevUser.STAFF).body());
        assertThat(deadLetters.findValuesAsString("claimId")).contains(sample.claimId());
        startSmtp();
        assertThat(mailTo(sample.customerEmail())).isEmpty();

        String customerNotification = idOf(sample.claimId(), "customer-consent-request");
        HttpResponse<String> replay = post("/api/v1/notifications/" + customerNotification + "/retry", DevUser.STAFF);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).get("status").asString()).isEqualTo("PENDING");
        assertThat(awaitOneMailTo(sample.customerEmail()).getSubject()).contains("您可以拒绝");
        await().atMost(PATIENCE).until(() -> "SENT".equals(statusOf(sample.claimId(), "customer-consent-request")));
        assertThat(statusOf(sample.claimId(), "partner-claim-approved")).isEqualTo("FAILED");
        assertThat(mailTo(sample.partnerEmail())).isEmpty();

        HttpResponse<String> replayOfSent = post("/api/v1/notifications/" + customerNotification + "/retry", DevUser.STAFF);
        assertThat(replayOfSent.statusCode()).isEqualTo(409);
        assertThat(replayOfSent.body()).contains("\"currentStatus\":\"SENT\"");
    }

    @Test
    void a_burst_of_mail_goes_out_once_per_notification_over_a_few_connections_with_extra_dispatchers_racing() {
        int mails = 30;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<Notification> burst = IntStream.range(0, mails).mapToObj(i -> Notification.pending(UUID.randomUUID(),
                "claim.status-changed", "burst-" + tag, NoticeTemplate.PARTNER_CLAIM_APPROVED,
                "burst-" + tag + "-" + i + "@contoso.example", "Partner " + i, "en-US", "Approved " + i, "text",
                "<p>html</p>", clock.instant())).toList();
        int connectionsBefore = SMTP.connections();

        transactions.executeWithoutResult(status -> burst.forEach(store::addIfAbsent));
        // two more senders besides the loop's workers, as another instance would add
        List<CompletableFuture<NotificationDispatcher.Dispatched>> racers = List.of(
                CompletableFuture.supplyAsync(dispatcher::dispatchDue), CompletableFuture.supplyAsync(dispatcher::dispatchDue));

        await().atMost(PATIENCE).until(() -> store.find("burst-" + tag, NotificationStatus.SENT, 0, mails).size() == mails);
        racers.forEach(CompletableFuture::join);
        for (Notification mail : burst) {
            assertThat(mailTo(mail.recipient())).as(mail.recipient()).singleElement()
                    .extracting(DeliveryIT::messageId).isEqualTo(NotificationId.messageId(mail.id(), messageIdDomain));
        }
        // one connection per sender round instead of one per mail
        assertThat(SMTP.connections() - connectionsBefore).isLessThan(mails / 2);
    }

    @Test
    void only_staff_and_review_leads_read_the_log_and_replay() {
        SampleEvents sample = SampleEvents.forClaim("en-US");
        publish(sample.consentRequested());
        awaitOneMailTo(sample.customerEmail());
        String path = "/api/v1/notifications?claimId=" + sample.claimId();

        assertThat(get(path, null).statusCode()).isEqualTo(401);
        assertThat(get(path, DevUser.PARTNER_ADMIN).statusCode()).isEqualTo(403);
        assertThat(get(path, DevUser.REVIEWER).statusCode()).isEqualTo(403);
        assertThat(get(path, DevUser.REVIEW_LEAD).statusCode()).isEqualTo(200);
        // the list envelope every service's lists share
        JsonNode all = JSON.readTree(get(path, DevUser.STAFF).body());
        JsonNode firstPage = JSON.readTree(get(path + "&size=1", DevUser.STAFF).body());
        assertThat(all.get("totalItems").asLong()).isPositive().isEqualTo(all.get("items").size());
        assertThat(firstPage.get("items").size()).isEqualTo(1);
        assertThat(firstPage.get("page").asInt()).isZero();
        assertThat(firstPage.get("size").asInt()).isEqualTo(1);
        assertThat(firstPage.get("totalItems").asLong()).isEqualTo(all.get("totalItems").asLong());
        assertThat(firstPage.get("totalPages").asLong()).isEqualTo(all.get("totalItems").asLong());
        assertThat(get(path + "&size=501", DevUser.STAFF).body()).contains("\"field\":\"size\"");
        assertThat(post("/api/v1/notifications/" + UUID.randomUUID() + "/retry", DevUser.PARTNER_ADMIN).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/notifications/" + UUID.randomUUID() + "/retry", DevUser.STAFF).statusCode())
                .isEqualTo(404);
        HttpResponse<String> unfiltered = get("/api/v1/notifications", DevUser.STAFF);
        assertThat(unfiltered.statusCode()).isEqualTo(400);
        assertThat(unfiltered.body()).contains("claimId");
        assertThat(get("/api/v1/notifications?status=LOST", DevUser.STAFF).body()).contains("\"field\":\"status\"");
    }

    @Test
    void openapi_document_describes_the_notification_api() {
        HttpResponse<String> document = get("/v3/api-docs", null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/api/v1/notifications", "/api/v1/notifications/{id}/retry",
                "NotificationView", "bearer");
    }

    private String idOf(String claimId, String template) {
        return entry(claimId, template).get("id").asString();
    }

    private String statusOf(String claimId, String template) {
        return entry(claimId, template).get("status").asString();
    }

    private JsonNode entry(String claimId, String template) {
        for (JsonNode entry : notificationsOf(claimId)) {
            if (template.equals(entry.get("template").asString())) {
                return entry;
            }
        }
        throw new AssertionError("No " + template + " notification for " + claimId);
    }

    private double failedCount() {
        return meters.find("cpor.notifications.failed").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
