package com.cpor.notificationservice.notification;

import com.cpor.notificationservice.notification.domain.DeliveryPolicy;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.NotificationId;
import com.cpor.notificationservice.notification.domain.Recipient;
import com.cpor.notificationservice.notification.domain.SupportedLocales;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryRulesTest {

    private final DeliveryPolicy policy = new DeliveryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(1));

    @Test
    void back_off_doubles_after_each_failure_up_to_the_maximum() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoffAfter(60)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void gives_up_after_the_last_attempt() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"pl-PL,pl-PL", "pl,pl-PL", "zh_CN,zh-CN", "hu-HU,hu-HU", "ru-RU,ru-RU", "de-DE,en-US", "'',en-US",
            "en-GB,en-US"})
    void recipient_locale_resolves_to_a_supported_one_or_falls_back_to_english(String requested, String resolved) {
        assertThat(SupportedLocales.resolve(requested)).isEqualTo(Locale.forLanguageTag(resolved));
    }

    @Test
    void the_same_event_template_and_recipient_always_give_the_same_notification_and_message_id() {
        UUID event = UUID.randomUUID();
        UUID first = NotificationId.of(event, NoticeTemplate.CUSTOMER_CONSENT_REQUEST, "Anna@Contoso.example ");

        assertThat(NotificationId.of(event, NoticeTemplate.CUSTOMER_CONSENT_REQUEST, "anna@contoso.example")).isEqualTo(first);
        assertThat(NotificationId.of(event, NoticeTemplate.PARTNER_CLAIM_APPROVED, "anna@contoso.example")).isNotEqualTo(first);
        assertThat(NotificationId.messageId(first, "n.example")).isEqualTo("<" + first + "@n.example>");
    }

    @Test
    void a_notification_is_tried_at_least_once() {
        DeliveryPolicy once = new DeliveryPolicy(1, Duration.ofSeconds(10), Duration.ofMinutes(1));
        assertThat(once.exhausted(1)).isTrue();
        assertThatThrownBy(() -> new DeliveryPolicy(0, Duration.ofSeconds(10), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }

    @Test
    void templates_are_found_by_the_name_of_their_files_and_unknown_names_are_refused() {
        for (NoticeTemplate template : NoticeTemplate.values()) {
            assertThat(NoticeTemplate.byTemplateName(template.templateName())).isSameAs(template);
        }
        assertThat(NoticeTemplate.byTemplateName("partner-claim-rejected")).isEqualTo(NoticeTemplate.PARTNER_CLAIM_REJECTED);
        assertThatThrownBy(() -> NoticeTemplate.byTemplateName("partner-claim-lost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("No notice template partner-claim-lost");
    }

    @Test
    void a_recipient_without_an_address_cannot_be_mailed() {
        assertThat(new Recipient("anna@contoso.example", "Anna", "pl-PL").hasAddress()).isTrue();
        assertThat(new Recipient(null, "Anna", "pl-PL").hasAddress()).isFalse();
        assertThat(new Recipient(" ", "Anna", "pl-PL").hasAddress()).isFalse();
    }
}
