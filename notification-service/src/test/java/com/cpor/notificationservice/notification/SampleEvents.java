package com.cpor.notificationservice.notification;

import com.cpor.events.Activity;
import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.Program;
import com.cpor.events.RejectionReason;
import com.cpor.events.SolutionArea;
import com.cpor.events.claims.ClaimDisputed;
import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.events.claims.ClaimSentToEvaluation;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.reviews.PartnerResponseReminderDue;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.events.reviews.ReviewStarted;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events as the other services publish them, for one claim whose contacts speak the given locale (and live in the
 * given IANA time zones; null: none given).
 */
public record SampleEvents(String claimId, String customerLocale, String partnerLocale, String customerTimeZone,
                           String partnerTimeZone) {

    public SampleEvents(String claimId, String customerLocale, String partnerLocale) {
        this(claimId, customerLocale, partnerLocale, null, null);
    }

    public static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
    public static final Instant WINDOW_END = Instant.parse("2026-11-27T10:15:30Z");
    public static final Instant RESPOND_BY = Instant.parse("2026-11-27T17:00:00Z");
    public static final Instant DISPUTE_UNTIL = Instant.parse("2026-12-20T10:15:30Z");
    public static final Actor REVIEWER = new Actor("reviewer", "Réka Szabó", "reka@reviews.example", Actor.ActorKind.REVIEWER);
    public static final Actor PARTNER = new Actor("partner-admin", "Piotr Nowak", "piotr@partner-one.example", Actor.ActorKind.PARTNER);

    /** The link encryption key the test service is configured with (base64 of 32 bytes). */
    public static final String LINK_KEY = "bm90aWZpY2F0aW9uLXRlc3QtbGluay1rZXktMzJieXQ=";

    public static SampleEvents forClaim(String locale) {
        return new SampleEvents("c-" + UUID.randomUUID(), locale, locale);
    }

    public String customerEmail() {
        return "anna+" + claimId + "@contoso.example";
    }

    public String partnerEmail() {
        return "piotr+" + claimId + "@partner.example";
    }

    public String consentUrl() {
        return "http://localhost:8083/consent/tok-" + claimId;
    }

    /** The partner organisation of claim-service's directory behind partner ID 1234567. */
    public static final ClaimSnapshot.PartnerOrganisation ORGANISATION = new ClaimSnapshot.PartnerOrganisation("1234567",
            "Nowak IT Solutions sp. z o.o.", "PL", "Europe/Warsaw");

    public ClaimSnapshot claim(ClaimStatus status, ClaimSnapshot.Rejection rejection, ClaimSnapshot.Deadlines deadlines,
                               long version) {
        return new ClaimSnapshot(claimId, "Contoso – Teams usage", "1234567", SolutionArea.MICROSOFT_365, Activity.USAGE,
                Program.OSU_M365, new ClaimSnapshot.Customer("6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10",
                "contoso.onmicrosoft.com", "Contoso Ltd"),
                List.of(new ClaimSnapshot.Product("TEAMS", null), new ClaimSnapshot.Product("EXCHANGE_ONLINE", null)),
                new ClaimSnapshot.Contact("Anna Kowalska", "CIO", customerEmail(), customerLocale, customerTimeZone),
                null,
                new ClaimSnapshot.Contact("Piotr Nowak", null, partnerEmail(), partnerLocale, partnerTimeZone),
                null, null, status, rejection, deadlines, List.of(), null, 0, NOW, null, NOW, NOW, version,
                ORGANISATION,
                status == ClaimStatus.PARTNER_ACTION_REQUIRED ? new ClaimSnapshot.RequestedChanges(
                        List.of(PartnerActionReason.MISSING_CUSTOMER_ACKNOWLEDGEMENT, PartnerActionReason.MISSING_PRODUCTS),
                        "Please upload the signed PoE.", List.of("EXCHANGE_ONLINE"), NOW) : null);
    }

    public ClaimSnapshot approvedClaim() {
        return claim(ClaimStatus.APPROVED, null,
                new ClaimSnapshot.Deadlines(null, null, null, WINDOW_END, null, null), 7);
    }

    /** As consent-service writes it: the link encrypted with {@link #LINK_KEY}, no link in clear. */
    public ConsentRequested consentRequested() {
        return new ConsentRequested(UUID.randomUUID(), NOW, claimId, "consent-" + claimId, WINDOW_END, null,
                approvedClaim(), new ConsentLinkCipher(LINK_KEY, List.of()).seal(consentUrl(), claimId));
    }

    /** As consent-service wrote it before links were encrypted: the link in clear in {@code consentUrl}. */
    public ConsentRequested legacyConsentRequested() {
        return new ConsentRequested(UUID.randomUUID(), NOW, claimId, "consent-" + claimId, WINDOW_END, consentUrl(),
                approvedClaim());
    }

    public ClaimStatusChanged partnerActionRequired() {
        return new ClaimStatusChanged(UUID.randomUUID(), NOW, claimId, ClaimStatus.IN_REVIEW,
                ClaimStatus.PARTNER_ACTION_REQUIRED, REVIEWER,
                List.of("MISSING_CUSTOMER_ACKNOWLEDGEMENT", "MISSING_PRODUCTS"), "Please upload the signed PoE.",
                claim(ClaimStatus.PARTNER_ACTION_REQUIRED, null,
                        new ClaimSnapshot.Deadlines(null, null, RESPOND_BY, null, null, null), 4));
    }

    public ClaimStatusChanged rejected(RejectionReason reason, boolean finalDecision, ClaimStatus from) {
        return new ClaimStatusChanged(UUID.randomUUID(), NOW, claimId, from, ClaimStatus.REJECTED,
                reason == RejectionReason.NO_PARTNER_RESPONSE ? Actor.system("review-service") : REVIEWER,
                List.of(reason.name()), "The PoE does not name the workloads.",
                claim(ClaimStatus.REJECTED, new ClaimSnapshot.Rejection(reason, "The PoE does not name the workloads.",
                        NOW, finalDecision), new ClaimSnapshot.Deadlines(null, null, null, null,
                        finalDecision ? null : DISPUTE_UNTIL, null), 6));
    }

    public ClaimStatusChanged disputeDecided(boolean overturned) {
        ClaimStatus to = overturned ? ClaimStatus.APPROVED : ClaimStatus.REJECTED;
        return new ClaimStatusChanged(UUID.randomUUID(), NOW, claimId, ClaimStatus.DISPUTED, to, REVIEWER,
                List.of(overturned ? "OVERTURN" : "UPHOLD"), "Checked the updated PoE.",
                claim(to, overturned ? null : new ClaimSnapshot.Rejection(RejectionReason.INSUFFICIENT_POE, "x", NOW, true),
                        ClaimSnapshot.Deadlines.NONE, 9));
    }

    public ClaimDisputed disputed() {
        return new ClaimDisputed(UUID.randomUUID(), NOW, claimId, PARTNER, "The signed PoE is attached now.",
                List.of("d-1"), claim(ClaimStatus.DISPUTED, null, new ClaimSnapshot.Deadlines(null, null, null, null,
                null, Instant.parse("2026-11-27T10:15:30Z")), 8));
    }

    public CommentAdded comment(Actor author, String text) {
        return new CommentAdded(UUID.randomUUID(), NOW, claimId, "k-" + UUID.randomUUID(), author, text,
                claim(ClaimStatus.IN_REVIEW, null, ClaimSnapshot.Deadlines.NONE, 3));
    }

    public ClaimSentToEvaluation sentToEvaluation() {
        return new ClaimSentToEvaluation(UUID.randomUUID(), WINDOW_END, claimId, WINDOW_END, approvedClaim());
    }

    public PartnerResponseReminderDue reminder() {
        return new PartnerResponseReminderDue(UUID.randomUUID(), NOW, claimId, RESPOND_BY);
    }

    public ReviewStarted reviewStarted() {
        return new ReviewStarted(UUID.randomUUID(), NOW, claimId, REVIEWER, RESPOND_BY);
    }

    public ReviewSlaBreached slaBreached() {
        return new ReviewSlaBreached(UUID.randomUUID(), NOW, claimId, ReviewSlaBreached.Stage.REVIEW_DECISION,
                RESPOND_BY, REVIEWER);
    }
}
