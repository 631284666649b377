package com.cpor.notificationservice.notification;

import com.cpor.events.Topics;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.platform.messaging.EventJson;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The walking skeleton's mails: consent notice to the customer and "approved" to the partner, over SMTP. */
class ConsentNoticeIT extends NotificationServiceTestBase {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    @Test
    void consent_requested_mails_the_customer_in_polish_with_a_working_link_and_the_partner_in_english() throws Exception {
        SampleEvents sample = new SampleEvents("c-" + java.util.UUID.randomUUID(), "pl-PL", "en-US");
        ConsentRequested consent = sample.consentRequested();

        publish(consent);

        MimeMessage customerMail = awaitOneMailTo(sample.customerEmail());
        assertThat(customerMail.getSubject())
                .isEqualTo("Skojarzenie partnera z Twoją organizacją: Nowak IT Solutions sp. z o.o. (MPN 1234567) – możesz odmówić");
        assertThat(((InternetAddress) customerMail.getFrom()[0]).getAddress()).isEqualTo("no-reply@cpor.example");
        assertThat(customerMail.getContentType()).startsWith("multipart/");
        String html = part(customerMail, "text/html");
        String text = part(customerMail, "text/plain");
        assertThat(text).contains("Dzień dobry, Anna Kowalska", "Microsoft Teams", "Exchange Online",
                "27 listopada 2026, 11:15 (Europe/Warsaw)", sample.consentUrl());
        assertThat(html).contains("lang=\"pl-PL\"", "Koniec okresu zgody", "Online Services Usage (OSU) – Microsoft 365");
        Matcher link = HREF.matcher(html);
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo(sample.consentUrl());

        MimeMessage partnerMail = awaitOneMailTo(sample.partnerEmail());
        assertThat(partnerMail.getSubject()).isEqualTo("CPOR association claim approved: Contoso – Teams usage");
        assertThat(part(partnerMail, "text/plain")).contains("Hello Piotr Nowak,",
                "The customer can opt out until November 27, 2026",
                "https://console.example/claims/" + sample.claimId());

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode log = notificationsOf(sample.claimId());
            assertThat(log).hasSize(2);
            for (JsonNode entry : log) {
                assertThat(entry.get("status").asString()).isEqualTo("SENT");
                assertThat(entry.get("attempts").asInt()).isEqualTo(1);
                assertThat(entry.get("eventId").asString()).isEqualTo(consent.eventId().toString());
                assertThat(entry.get("sentAt").isNull()).isFalse();
            }
            assertThat(log.findValuesAsString("template"))
                    .containsExactlyInAnyOrder("customer-consent-request", "partner-claim-approved");
            assertThat(log.findValuesAsString("locale")).containsExactlyInAnyOrder("pl-PL", "en-US");
        });
        String notificationId = notificationsOf(sample.claimId()).findValuesAsString("id").getFirst();
        assertThat(customerMail.getMessageID() + partnerMail.getMessageID())
                .contains("<" + notificationId + "@notifications.cpor.example>");
    }

    @Test
    void a_redelivered_event_sends_exactly_one_mail_per_recipient() {
        SampleEvents sample = SampleEvents.forClaim("hu-HU");
        String json = EventJson.write(sample.consentRequested());
        ConsentRequested marker = SampleEvents.forClaim("zh-CN").consentRequested();

        for (int delivery = 0; delivery < 3; delivery++) {
            publishJson(Topics.CONSENTS, sample.claimId(), json, "consent.requested", "redelivered");
        }
        awaitOneMailTo(sample.customerEmail());
        publish(marker);
        awaitOneMailTo(marker.claim().customerContact().email());
        await().atMost(PATIENCE).until(() -> notificationsOf(sample.claimId()).size() == 2
                && notificationsOf(sample.claimId()).findValuesAsString("status").stream().allMatch("SENT"::equals));

        assertThat(mailTo(sample.customerEmail())).hasSize(1);
        assertThat(mailTo(sample.partnerEmail())).hasSize(1);
    }
}
