package com.cpor.consentservice.consent.domain;

import com.cpor.events.Activity;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Program;
import com.cpor.events.SolutionArea;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentWindowTest {

    private static final Instant OPENED = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant ENDS = OPENED.plus(Duration.ofDays(7));

    @Test
    void open_window_accepts_a_decline_from_the_link_recipient() {
        ConsentWindow window = window("pl-PL");
        Declination declination = window.decline(OPENED.plusSeconds(60), "203.0.113.9", "Firefox");

        assertThat(window.status()).isEqualTo(ConsentStatus.DECLINED);
        assertThat(declination.recipientEmail()).isEqualTo("anna@contoso.example");
        assertThat(declination.at()).isEqualTo(OPENED.plusSeconds(60));
        assertThat(window.linkStateAt(OPENED.plusSeconds(61))).isEqualTo(LinkState.ALREADY_USED);
    }

    @Test
    void second_decline_is_refused_as_already_used() {
        ConsentWindow window = window("pl-PL");
        window.decline(OPENED.plusSeconds(60), "203.0.113.9", "Firefox");
        assertThatThrownBy(() -> window.decline(OPENED.plusSeconds(70), "203.0.113.9", "Firefox"))
                .isInstanceOfSatisfying(ConsentWindowNotOpenException.class,
                        e -> assertThat(e.linkState()).isEqualTo(LinkState.ALREADY_USED));
    }

    @Test
    void decline_at_or_after_the_window_end_is_refused_as_expired_even_before_the_timer_fired() {
        ConsentWindow window = window("en-US");
        assertThat(window.linkStateAt(ENDS.minusMillis(1))).isEqualTo(LinkState.USABLE);
        assertThatThrownBy(() -> window.decline(ENDS, "203.0.113.9", "Firefox"))
                .isInstanceOfSatisfying(ConsentWindowNotOpenException.class,
                        e -> assertThat(e.linkState()).isEqualTo(LinkState.EXPIRED));
        assertThat(window.status()).isEqualTo(ConsentStatus.OPEN);
    }

    @Test
    void elapse_and_close_only_change_an_open_window() {
        ConsentWindow elapsed = window("en-US");
        assertThat(elapsed.elapse(ENDS)).isTrue();
        assertThat(elapsed.elapse(ENDS)).isFalse();
        assertThat(elapsed.close(ENDS)).isFalse();
        assertThat(elapsed.status()).isEqualTo(ConsentStatus.ELAPSED);

        ConsentWindow declined = window("en-US");
        declined.decline(OPENED, null, null);
        assertThat(declined.elapse(ENDS)).isFalse();
        assertThat(declined.status()).isEqualTo(ConsentStatus.DECLINED);

        ConsentWindow withdrawn = window("en-US");
        assertThat(withdrawn.close(OPENED.plusSeconds(5))).isTrue();
        assertThat(withdrawn.linkStateAt(OPENED.plusSeconds(6))).isEqualTo(LinkState.EXPIRED);
        assertThat(withdrawn.elapse(ENDS)).isFalse();
    }

    @Test
    void a_window_must_end_after_it_opens() {
        assertThatThrownBy(() -> ConsentWindow.open("cw-1", UUID.randomUUID(), claim("en-US"), "h", OPENED, OPENED,
                UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_window_whose_notice_was_not_delivered_is_held_its_link_works_and_it_cannot_elapse() {
        ConsentWindow window = held("en-US");

        assertThat(window.started()).isFalse();
        assertThat(window.notice()).isEqualTo(NoticeState.AWAITING_DELIVERY);
        assertThat(window.linkStateAt(ENDS.plus(Duration.ofDays(30)))).isEqualTo(LinkState.USABLE);
        assertThat(window.elapse(ENDS.plus(Duration.ofDays(30)))).isFalse();
        assertThat(window.status()).isEqualTo(ConsentStatus.OPEN);
    }

    @Test
    void delivery_starts_the_window_once_and_sets_its_end() {
        ConsentWindow window = held("en-US");
        Instant delivered = OPENED.plus(Duration.ofHours(3));

        assertThat(window.noticeDelivered(delivered, delivered.plus(Duration.ofDays(7)))).isTrue();
        assertThat(window.noticeDelivered(delivered.plusSeconds(5), delivered.plus(Duration.ofDays(8)))).isFalse();
        assertThat(window.windowEndsAt()).isEqualTo(delivered.plus(Duration.ofDays(7)));
        assertThat(window.noticeDeliveredAt()).isEqualTo(delivered);
        assertThat(window.linkStateAt(ENDS.plus(Duration.ofHours(2)))).isEqualTo(LinkState.USABLE);
        assertThat(window.noticeFailed()).as("a failure report after delivery changes nothing").isFalse();
        assertThat(window.elapse(delivered.plus(Duration.ofDays(7)))).isTrue();
    }

    @Test
    void a_failed_notice_holds_the_window_until_a_resent_notice_is_delivered() {
        ConsentWindow window = held("en-US");

        assertThat(window.noticeFailed()).isTrue();
        assertThat(window.notice()).isEqualTo(NoticeState.FAILED);
        assertThat(window.elapse(ENDS.plus(Duration.ofDays(1)))).isFalse();
        Instant resent = ENDS.plus(Duration.ofDays(2));
        assertThat(window.noticeDelivered(resent, resent.plus(Duration.ofDays(7)))).isTrue();
        assertThat(window.windowEndsAt()).isEqualTo(resent.plus(Duration.ofDays(7)));

        ConsentWindow closed = held("en-US");
        closed.close(OPENED.plusSeconds(1));
        assertThat(closed.noticeFailed()).isFalse();
        assertThat(closed.noticeDelivered(OPENED.plusSeconds(2), ENDS)).isFalse();
    }

    @Test
    void customer_locale_is_one_of_the_five_or_falls_back_to_en_us() {
        assertThat(window("zh-CN").customerLocale()).isEqualTo(Locale.forLanguageTag("zh-CN"));
        assertThat(window("hu_HU").customerLocale()).isEqualTo(Locale.forLanguageTag("hu-HU"));
        assertThat(window("pl").customerLocale()).isEqualTo(Locale.forLanguageTag("pl-PL"));
        assertThat(window("de-DE").customerLocale()).isEqualTo(Locale.forLanguageTag("en-US"));
        assertThat(window(null).customerLocale()).isEqualTo(Locale.forLanguageTag("en-US"));
    }

    @Test
    void an_opened_window_is_bound_to_its_approval_its_claim_and_the_hash_of_its_link() {
        UUID approval = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        ClaimSnapshot claim = claim("pl-PL");

        ConsentWindow window = ConsentWindow.open("cw-1", approval, claim, "hash-of-token", OPENED, ENDS, request);

        assertThat(window.consentId()).isEqualTo("cw-1");
        assertThat(window.claimId()).isEqualTo("c-1");
        assertThat(window.claim()).isSameAs(claim);
        assertThat(window.openedByEventId()).isEqualTo(approval);
        assertThat(window.requestEventId()).isEqualTo(request);
        assertThat(window.tokenHash()).isEqualTo("hash-of-token");
        assertThat(window.openedAt()).isEqualTo(OPENED);
        assertThat(window.windowEndsAt()).isEqualTo(ENDS);
        assertThat(window.status()).isEqualTo(ConsentStatus.OPEN);
        assertThat(window.closedAt()).isNull();
        assertThat(window.declination()).isNull();
        assertThat(window.timerId()).isEqualTo("consent-window:cw-1").isEqualTo(ConsentWindow.timerIdOf("cw-1"));
    }

    @Test
    void a_decline_records_who_the_link_was_sent_to_and_the_request_it_came_from_and_closes_the_window() {
        ConsentWindow window = window("pl-PL");
        Instant at = OPENED.plusSeconds(60);

        Declination declination = window.decline(at, "203.0.113.9", "Firefox");

        assertThat(declination).isEqualTo(new Declination(at, "Anna Kowalska", "anna@contoso.example", "203.0.113.9",
                "Firefox"));
        assertThat(window.declination()).isEqualTo(declination);
        assertThat(window.closedAt()).isEqualTo(at);
    }

    @Test
    void elapsing_and_closing_record_when_the_window_ended() {
        ConsentWindow elapsed = window("en-US");
        elapsed.elapse(ENDS.plusSeconds(1));
        assertThat(elapsed.closedAt()).isEqualTo(ENDS.plusSeconds(1));

        ConsentWindow closed = window("en-US");
        closed.close(OPENED.plusSeconds(5));
        assertThat(closed.closedAt()).isEqualTo(OPENED.plusSeconds(5));
        assertThat(closed.status()).isEqualTo(ConsentStatus.CLOSED);
    }

    @Test
    void the_timer_elapses_the_window_without_its_claim_only_if_open_and_started_and_keeps_its_end() {
        ConsentWindow window = window("en-US");
        EndingWindow ending = window.ending();

        assertThat(ending.elapse(ENDS.plusSeconds(1))).contains(new EndingWindow(window.consentId(), "c-1",
                ConsentStatus.ELAPSED, NoticeState.DELIVERED, ENDS, ENDS.plusSeconds(1)));
        assertThat(ending.elapse(ENDS).orElseThrow().elapse(ENDS.plusSeconds(2))).isEmpty();
        assertThat(window.status()).as("the aggregate is not changed by its view").isEqualTo(ConsentStatus.OPEN);

        ConsentWindow declined = window("en-US");
        declined.decline(OPENED, null, null);
        assertThat(declined.ending().elapse(ENDS)).isEmpty();
        ConsentWindow withdrawn = window("en-US");
        withdrawn.close(OPENED.plusSeconds(5));
        assertThat(withdrawn.ending().elapse(ENDS)).isEmpty();
        assertThat(held("en-US").ending().elapse(ENDS.plus(Duration.ofDays(30)))).isEmpty();
        ConsentWindow failed = held("en-US");
        failed.noticeFailed();
        assertThat(failed.ending().elapse(ENDS.plus(Duration.ofDays(30)))).isEmpty();
    }

    /** A window whose notice was delivered when it opened. */
    private static ConsentWindow window(String locale) {
        ConsentWindow window = held(locale);
        window.noticeDelivered(OPENED, ENDS);
        return window;
    }

    private static ConsentWindow held(String locale) {
        return ConsentWindow.open("cw-" + UUID.randomUUID(), UUID.randomUUID(), claim(locale), "hash", OPENED, ENDS,
                UUID.randomUUID());
    }

    private static ClaimSnapshot claim(String locale) {
        return new ClaimSnapshot("c-1", "Contoso", "1234567", SolutionArea.MICROSOFT_365, Activity.USAGE,
                Program.OSU_M365, new ClaimSnapshot.Customer("t", "contoso.example", "Contoso"),
                List.of(new ClaimSnapshot.Product("TEAMS", null)),
                new ClaimSnapshot.Contact("Anna Kowalska", "CIO", "anna@contoso.example", locale), null,
                new ClaimSnapshot.Contact("Piotr Nowak", null, "piotr@partner.example", "en-US"), null, null,
                ClaimStatus.APPROVED, null, ClaimSnapshot.Deadlines.NONE, List.of(), null, 0, null, OPENED, OPENED,
                OPENED, 1);
    }
}
