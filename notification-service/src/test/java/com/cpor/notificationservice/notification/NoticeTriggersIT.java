package com.cpor.notificationservice.notification;

import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.RejectionReason;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.reviews.DecisionTargetBreached;
import com.cpor.events.reviews.ReviewReassigned;
import com.cpor.events.reviews.ReviewStarted;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events from claim- and review-service reach the right people, with facts remembered from earlier events. */
class NoticeTriggersIT extends NotificationServiceTestBase {

    @Test
    void partner_is_told_what_to_fix_and_reminded_before_the_response_deadline() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("pl-PL");

        publish(sample.partnerActionRequired());
        MimeMessage request = awaitOneMailTo(sample.partnerEmail());
        assertThat(request.getSubject()).isEqualTo("Wymagana akcja partnera: Contoso – Teams usage");
        assertThat(part(request, "text/plain")).contains("Brak potwierdzenia klienta", "Please upload the signed PoE.",
                "27 listopada 2026, 18:00 (Europe/Warsaw)");

        publish(sample.reminder());

        await().atMost(PATIENCE).until(() -> mailTo(sample.partnerEmail()).size() == 2);
        MimeMessage reminder = mailTo(sample.partnerEmail()).get(1);
        assertThat(reminder.getSubject()).isEqualTo("Przypomnienie – wymagana akcja partnera: Contoso – Teams usage");
    }

    @Test
    void partner_comment_goes_to_the_reviewer_who_started_the_review_and_reviewer_comment_to_the_partner() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("hu-HU");
        Actor reviewer = new Actor("reviewer-" + sample.claimId(), "Ivan Petrov", "ivan+" + sample.claimId() + "@reviews.example",
                Actor.ActorKind.REVIEWER);
        publish(new ReviewStarted(UUID.randomUUID(), SampleEvents.NOW, sample.claimId(), reviewer, SampleEvents.RESPOND_BY));
        await().atMost(PATIENCE).until(() -> reviewerKnown(sample.claimId()));

        publish(sample.comment(SampleEvents.PARTNER, "Signed PoE uploaded."));
        publish(sample.comment(reviewer, "Thanks, checking it."));

        MimeMessage toReviewer = awaitOneMailTo(reviewer.email());
        assertThat(toReviewer.getSubject()).isEqualTo("New partner comment: Contoso – Teams usage");
        assertThat(part(toReviewer, "text/plain")).contains("Signed PoE uploaded.",
                "https://console.example/reviews/" + sample.claimId());
        MimeMessage toPartner = awaitOneMailTo(sample.partnerEmail());
        assertThat(toPartner.getSubject()).isEqualTo("Új felülvizsgálói megjegyzés: Contoso – Teams usage");
        assertThat(part(toPartner, "text/plain")).contains("Thanks, checking it.", "Ivan Petrov");
    }

    @Test
    void after_a_reassignment_a_partner_comment_goes_to_the_new_reviewer_only() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("en-US");
        Actor first = new Actor("reviewer-" + sample.claimId(), "Réka Szabó", "reka+" + sample.claimId() + "@reviews.example",
                Actor.ActorKind.REVIEWER);
        Actor second = new Actor("reviewer-2-" + sample.claimId(), "Ivan Petrov",
                "ivan+" + sample.claimId() + "@reviews.example", Actor.ActorKind.REVIEWER);
        Actor lead = new Actor("review-lead", "Lena Lead", "review-lead@cpor.example", Actor.ActorKind.REVIEWER);
        publish(new ReviewStarted(UUID.randomUUID(), SampleEvents.NOW, sample.claimId(), first, SampleEvents.RESPOND_BY));
        publish(new ReviewReassigned(UUID.randomUUID(), SampleEvents.NOW.plusSeconds(60), sample.claimId(), first, second,
                lead));
        // the comment comes on another topic: wait until the reassignment is applied, as a partner would come later
        await().atMost(PATIENCE).until(() -> second.id().equals(assignedReviewer(sample.claimId())));

        publish(sample.comment(SampleEvents.PARTNER, "Which page is unsigned?"));

        MimeMessage toNewReviewer = awaitOneMailTo(second.email());
        assertThat(toNewReviewer.getSubject()).isEqualTo("New partner comment: Contoso – Teams usage");
        assertThat(part(toNewReviewer, "text/plain")).contains("Which page is unsigned?");
        assertThat(mailTo(first.email())).isEmpty();
    }

    @Test
    void a_missed_decision_target_escalates_to_the_assigned_reviewer_and_the_review_lead() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("en-US");
        publish(sample.partnerActionRequired());
        awaitOneMailTo(sample.partnerEmail());

        publish(new DecisionTargetBreached(UUID.randomUUID(), SampleEvents.NOW, sample.claimId(), SampleEvents.NOW,
                SampleEvents.REVIEWER));

        await().atMost(PATIENCE).until(() -> !mailsAbout(sample.claimId(), "review-lead@cpor.example").isEmpty());
        MimeMessage toLead = mailsAbout(sample.claimId(), "review-lead@cpor.example").getFirst();
        assertThat(part(toLead, "text/plain")).contains("overall decision (10 business days from submission");
        await().atMost(PATIENCE).until(() -> !mailsAbout(sample.claimId(), "reka@reviews.example").isEmpty());
    }

    @Test
    void the_partners_own_withdrawal_sends_no_mail_but_a_later_rejection_of_another_claim_does() {
        SampleEvents withdrawn = SampleEvents.forClaim("en-US");
        ClaimStatusChanged withdrawal = withdrawn.rejected(RejectionReason.PARTNER_REQUEST, true, ClaimStatus.SUBMITTED);
        SampleEvents rejected = SampleEvents.forClaim("en-US");

        publish(withdrawal);
        publish(rejected.rejected(RejectionReason.INSUFFICIENT_POE, false, ClaimStatus.IN_REVIEW));

        awaitOneMailTo(rejected.partnerEmail());
        await().atMost(PATIENCE).until(() -> claimKnown(withdrawn.claimId()));
        assertThat(notificationsOf(withdrawn.claimId())).isEmpty();
        assertThat(mailTo(withdrawn.partnerEmail())).isEmpty();
    }

    @Test
    void an_upheld_dispute_tells_the_partner_once_that_the_rejection_is_final() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("en-US");

        publish(sample.disputeDecided(false));
        // the barrier: a comment on the same claim, so the same partition, read after the outcome
        publish(sample.comment(SampleEvents.REVIEWER, "We looked at it twice."));

        await().atMost(PATIENCE).until(() -> notificationsOf(sample.claimId()).size() >= 2
                && notificationsOf(sample.claimId()).findValuesAsString("status").stream().allMatch("SENT"::equals));
        assertThat(notificationsOf(sample.claimId())).as("the outcome and the comment, nothing else").hasSize(2);
        List<MimeMessage> mails = mailTo(sample.partnerEmail());
        assertThat(mails).hasSize(2);
        MimeMessage outcome = mails.stream().filter(mail -> subject(mail).startsWith("Dispute decided")).findFirst()
                .orElseThrow();
        assertThat(outcome.getSubject()).isEqualTo("Dispute decided: Contoso – Teams usage");
        assertThat(part(outcome, "text/plain"))
                .contains("was upheld. This decision is final.", "submit a new claim", "Checked the updated PoE.")
                .doesNotContain("overturned");
        assertThat(mails).extracting(NoticeTriggersIT::subject)
                .containsExactlyInAnyOrder("Dispute decided: Contoso – Teams usage",
                        "New reviewer comment: Contoso – Teams usage");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sla_breach_escalates_to_the_assigned_reviewer_and_the_review_lead() throws Exception {
        SampleEvents sample = SampleEvents.forClaim("zh-CN");
        publish(sample.partnerActionRequired());
        awaitOneMailTo(sample.partnerEmail());

        publish(sample.slaBreached());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(notificationsOf(sample.claimId())
                .findValuesAsString("recipient")).contains("reka@reviews.example", "review-lead@cpor.example"));
        await().atMost(PATIENCE).until(() -> !mailsAbout(sample.claimId(), "review-lead@cpor.example").isEmpty());
        MimeMessage toLead = mailsAbout(sample.claimId(), "review-lead@cpor.example").getFirst();
        assertThat(toLead.getSubject()).isEqualTo("SLA breached: Contoso – Teams usage");
        await().atMost(PATIENCE).until(() -> !mailsAbout(sample.claimId(), "reka@reviews.example").isEmpty());
        assertThat(mailsAbout(sample.claimId(), "review-lead@cpor.example")).hasSize(1);
    }

    @Test
    void a_reminder_for_a_claim_never_seen_goes_to_the_dead_letter_topic() {
        SampleEvents unknown = SampleEvents.forClaim("en-US");

        publish(unknown.reminder());

        var deadLetter = PROBE.await(record -> unknown.claimId().equals(record.key()), PATIENCE);
        assertThat(deadLetter.topic()).isEqualTo("cpor.reviews.v1-dlt");
        assertThat(notificationsOf(unknown.claimId())).isEmpty();
    }

    @Autowired
    JdbcClient jdbc;

    private boolean claimKnown(String claimId) {
        return jdbc.sql("SELECT count(*) FROM known_claim WHERE claim_id = ?").param(claimId).query(Long.class).single() > 0;
    }

    private boolean reviewerKnown(String claimId) {
        return jdbc.sql("SELECT count(*) FROM assigned_reviewer WHERE claim_id = ?").param(claimId)
                .query(Long.class).single() > 0;
    }

    private String assignedReviewer(String claimId) {
        return jdbc.sql("SELECT reviewer_id FROM assigned_reviewer WHERE claim_id = ?").param(claimId)
                .query(String.class).optional().orElse(null);
    }

    private static List<MimeMessage> mailsAbout(String claimId, String address) {
        return mailTo(address).stream().filter(mail -> claimId.equals(header(mail, "X-CPOR-Claim-Id"))).toList();
    }

    private static String header(MimeMessage mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? null : values[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
