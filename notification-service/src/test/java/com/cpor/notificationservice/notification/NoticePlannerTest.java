package com.cpor.notificationservice.notification;

import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.RejectionReason;
import com.cpor.events.claims.ClaimSentToEvaluation;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.notificationservice.notification.application.NoticePlanner;
import com.cpor.notificationservice.notification.domain.Notice;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.platform.messaging.PoisonEventException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the planner puts into a notice when an event carries less than the current shape (older events, gaps). */
class NoticePlannerTest {

    private final SampleEvents sample = SampleEvents.forClaim("pl-PL");
    private final InMemoryClaimDirectory directory = new InMemoryClaimDirectory();
    private final NoticePlanner planner = new NoticePlanner(directory, NoticeCatalogTest.SETTINGS, NoticeCatalogTest.LINKS);

    @Test
    void the_customer_notice_carries_the_sealed_link_and_a_link_in_clear_from_an_older_event_is_sealed_first() {
        ConsentRequested current = sample.consentRequested();
        assertThat(customerNotice(planner.plan(current)).secretLink()).isEqualTo(current.consentLink());

        Notice fromLegacy = customerNotice(planner.plan(sample.legacyConsentRequested()));
        assertThat(fromLegacy.secretLink()).isNotNull();
        assertThat(NoticeCatalogTest.LINKS.open(fromLegacy.secretLink(), sample.claimId())).isEqualTo(sample.consentUrl());
    }

    @Test
    void a_consent_request_without_any_link_is_poison() {
        ConsentRequested current = sample.consentRequested();
        for (String url : new String[] {null, " "}) {
            ConsentRequested linkless = new ConsentRequested(current.eventId(), current.occurredAt(), current.claimId(),
                    current.consentId(), current.windowEndsAt(), url, current.claim(), null);
            assertThatThrownBy(() -> planner.plan(linkless)).isInstanceOf(PoisonEventException.class)
                    .hasMessageContaining("carries no consent link");
        }
    }

    @Test
    void a_rejection_whose_snapshot_lacks_it_takes_the_first_rejection_reason_code_and_the_event_comment() {
        ClaimSnapshot withoutRejection = sample.claim(ClaimStatus.REJECTED, null, ClaimSnapshot.Deadlines.NONE, 6);
        ClaimStatusChanged change = new ClaimStatusChanged(UUID.randomUUID(), SampleEvents.NOW, sample.claimId(),
                ClaimStatus.IN_REVIEW, ClaimStatus.REJECTED, SampleEvents.REVIEWER,
                List.of("free text", "INSUFFICIENT_POE"), "Not signed.", withoutRejection);

        Notice notice = single(planner.plan(change));

        assertThat(notice.template()).isEqualTo(NoticeTemplate.PARTNER_CLAIM_REJECTED);
        assertThat(notice.model()).containsEntry("reason", RejectionReason.INSUFFICIENT_POE)
                .containsEntry("comment", "Not signed.").containsEntry("disputable", false)
                .containsEntry("noPartnerResponse", false);
    }

    @Test
    void a_final_rejection_is_not_disputable_even_with_a_dispute_date_and_a_withdrawal_code_sends_nothing() {
        ClaimSnapshot finalWithDate = sample.claim(ClaimStatus.REJECTED,
                new ClaimSnapshot.Rejection(RejectionReason.INSUFFICIENT_POE, "final", SampleEvents.NOW, true),
                new ClaimSnapshot.Deadlines(null, null, null, null, SampleEvents.DISPUTE_UNTIL, null), 6);
        ClaimStatusChanged change = new ClaimStatusChanged(UUID.randomUUID(), SampleEvents.NOW, sample.claimId(),
                ClaimStatus.IN_REVIEW, ClaimStatus.REJECTED, SampleEvents.REVIEWER, List.of("INSUFFICIENT_POE"), null,
                finalWithDate);
        assertThat(single(planner.plan(change)).model()).containsEntry("disputable", false)
                .containsEntry("comment", "final");

        ClaimStatusChanged withdrawal = new ClaimStatusChanged(UUID.randomUUID(), SampleEvents.NOW, sample.claimId(),
                ClaimStatus.IN_REVIEW, ClaimStatus.REJECTED, SampleEvents.PARTNER,
                List.of("PARTNER_REQUEST", "WRONG_ACTIVITY"), "wrong activity",
                sample.claim(ClaimStatus.REJECTED, null, ClaimSnapshot.Deadlines.NONE, 6));
        assertThat(planner.plan(withdrawal)).isEmpty();
    }

    @Test
    void an_unknown_partner_action_reason_is_shown_as_its_code() {
        ClaimStatusChanged asked = sample.partnerActionRequired();
        ClaimStatusChanged withUnknown = new ClaimStatusChanged(asked.eventId(), asked.occurredAt(), asked.claimId(),
                asked.fromStatus(), asked.toStatus(), asked.actor(), List.of("MISSING_PRODUCTS", "ASK_THE_LEAD"),
                asked.comment(), asked.claim());

        assertThat(single(planner.plan(withUnknown)).model().get("reasons")).isEqualTo(
                List.of(com.cpor.events.PartnerActionReason.MISSING_PRODUCTS, "ASK_THE_LEAD"));
    }

    @Test
    void sent_to_evaluation_without_its_time_shows_when_the_event_happened() {
        ClaimSentToEvaluation sent = new ClaimSentToEvaluation(UUID.randomUUID(), SampleEvents.WINDOW_END,
                sample.claimId(), null, sample.approvedClaim());

        assertThat(single(planner.plan(sent)).model()).containsEntry("sentAt", SampleEvents.WINDOW_END);
    }

    @Test
    void without_an_organisation_name_the_partner_is_named_by_seller_or_contact_and_else_by_mpn_alone() {
        ClaimSnapshot claim = sample.approvedClaim()
                .withPartnerOrganisation(new ClaimSnapshot.PartnerOrganisation("1234567", " ", "PL", "Europe/Warsaw"));
        ClaimSnapshot nobody = new ClaimSnapshot(claim.claimId(), claim.name(), claim.partnerId(), claim.solutionArea(),
                claim.activity(), null, null, claim.products(), claim.customerContact(), null, null, null, null,
                claim.status(), null, claim.deadlines(), List.of(), null, 0, null, null, claim.createdAt(),
                claim.updatedAt(), claim.version(), null, null);

        assertThat(customerNotice(planner.plan(consentFor(claim))).subjectArgs()).containsExactly("Piotr Nowak (MPN 1234567)");
        Notice customer = customerNotice(planner.plan(consentFor(nobody)));
        assertThat(customer.subjectArgs()).containsExactly("MPN 1234567");
        assertThat(customer.model()).containsEntry("customerName", "").containsEntry("customerDomain", "")
                .containsEntry("program", "");
    }

    @Test
    void an_escalation_about_a_claim_never_seen_names_the_claim_by_its_id() {
        ReviewSlaBreached breach = sample.slaBreached();

        List<Notice> notices = planner.plan(breach);

        assertThat(notices).extracting(n -> n.recipient().email())
                .containsExactly("reka@reviews.example", "review-lead@cpor.example");
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.subjectArgs()).containsExactly(sample.claimId());
            assertThat(n.model()).containsEntry("claimName", sample.claimId()).containsEntry("partnerName", "");
        });
    }

    @Test
    void a_reminder_for_a_claim_never_seen_is_poison() {
        assertThatThrownBy(() -> planner.plan(sample.reminder())).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining(sample.claimId());
    }

    private ConsentRequested consentFor(ClaimSnapshot claim) {
        ConsentRequested current = sample.consentRequested();
        return new ConsentRequested(current.eventId(), current.occurredAt(), current.claimId(), current.consentId(),
                current.windowEndsAt(), null, claim, current.consentLink());
    }

    private static Notice customerNotice(List<Notice> planned) {
        return planned.stream().filter(n -> n.template() == NoticeTemplate.CUSTOMER_CONSENT_REQUEST).findFirst()
                .orElseThrow();
    }

    private static Notice single(List<Notice> planned) {
        assertThat(planned).hasSize(1);
        return planned.getFirst();
    }
}
