package com.cpor.reliability;

import com.cpor.events.Topics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a claim of the campaign ends, with what the oracles then expect: the status path on
 * {@code cpor.claims.v1}, the final status and reason, and the e-mail templates per recipient.
 */
enum Ending {

    /** approved, the customer does nothing, the window elapses: sent to evaluation */
    WINDOW_ELAPSED,
    /** approved, the customer declines on the consent page within the window */
    CUSTOMER_DECLINED,
    /** the reviewer rejects */
    REVIEWER_REJECTED,
    /** the reviewer asks for partner action, the partner resubmits, the reviewer approves, the window elapses */
    PARTNER_ACTION_THEN_APPROVED,
    /** the partner withdraws right after submitting */
    WITHDRAWN_WHEN_SUBMITTED,
    /** the partner withdraws while the review is in progress */
    WITHDRAWN_IN_REVIEW;

    static final String CONSENT_REQUEST = "customer-consent-request";
    static final String APPROVED = "partner-claim-approved";
    static final String SENT_TO_EVALUATION = "partner-sent-to-evaluation";
    static final String DECLINED = "partner-customer-declined";
    static final String REJECTED = "partner-claim-rejected";
    static final String ACTION_REQUIRED = "partner-action-required";

    /**
     * The statuses the claim passes through ({@code toStatus} of its distinct status-changed events in order).
     * A decline the consent page refused (window already closed) leaves the claim on the elapsed path.
     */
    List<String> expectedPath(boolean declineAcknowledged) {
        return switch (this) {
            case WINDOW_ELAPSED -> List.of("SUBMITTED", "IN_REVIEW", "APPROVED");
            case CUSTOMER_DECLINED -> declineAcknowledged ? List.of("SUBMITTED", "IN_REVIEW", "APPROVED", "REJECTED")
                    : List.of("SUBMITTED", "IN_REVIEW", "APPROVED");
            case REVIEWER_REJECTED, WITHDRAWN_IN_REVIEW -> List.of("SUBMITTED", "IN_REVIEW", "REJECTED");
            case PARTNER_ACTION_THEN_APPROVED -> List.of("SUBMITTED", "IN_REVIEW", "PARTNER_ACTION_REQUIRED",
                    "SUBMITTED", "IN_REVIEW", "APPROVED");
            case WITHDRAWN_WHEN_SUBMITTED -> List.of("SUBMITTED", "REJECTED");
        };
    }

    /** Whether the claim ends sent to incentive evaluation (one AssociationReadyForEvaluation). */
    boolean sentToEvaluation(boolean declineAcknowledged) {
        return switch (this) {
            case WINDOW_ELAPSED, PARTNER_ACTION_THEN_APPROVED -> true;
            case CUSTOMER_DECLINED -> !declineAcknowledged;
            default -> false;
        };
    }

    /** Whether a consent window was opened (one ConsentRequested, one consent_window row). */
    boolean approved() {
        return this == WINDOW_ELAPSED || this == CUSTOMER_DECLINED || this == PARTNER_ACTION_THEN_APPROVED;
    }

    /** The rejection reason of a rejected ending, or null when the claim ends approved. */
    String rejectionReason(boolean declineAcknowledged) {
        return switch (this) {
            case CUSTOMER_DECLINED -> declineAcknowledged ? "CUSTOMER_DECLINED" : null;
            case REVIEWER_REJECTED -> "INSUFFICIENT_POE";
            case WITHDRAWN_WHEN_SUBMITTED, WITHDRAWN_IN_REVIEW -> "PARTNER_REQUEST";
            default -> null;
        };
    }

    /**
     * How many distinct events (by ce_id) of each type the claim must have, per {@code "<topic> <type>"}; every type
     * not named must not occur at all. The review deadlines of the suite are business days away, so no review timer
     * event is expected: one would be a firing too early or twice. A refused outcome ({@code claim.outcome-refused})
     * never belongs to these scenarios: it is what a second timer firing or a redelivery past the inbox turns into.
     */
    Map<String, Integer> expectedEvents(boolean declineAcknowledged) {
        boolean declined = this == CUSTOMER_DECLINED && declineAcknowledged;
        boolean partnerAction = this == PARTNER_ACTION_THEN_APPROVED;
        int sent = sentToEvaluation(declineAcknowledged) ? 1 : 0;
        int approved = approved() ? 1 : 0;
        Map<String, Integer> expected = new TreeMap<>();
        expected.put(event(Topics.CLAIMS, "claim.submitted"), 1);
        expected.put(event(Topics.CLAIMS, "claim.resubmitted"), partnerAction ? 1 : 0);
        expected.put(event(Topics.CLAIMS, "claim.status-changed"), expectedPath(declineAcknowledged).size());
        expected.put(event(Topics.CLAIMS, "claim.withdrawn"), withdrawn() ? 1 : 0);
        expected.put(event(Topics.CLAIMS, "claim.sent-to-evaluation"), sent);
        expected.put(event(Topics.REVIEWS, "review.queued"), partnerAction ? 2 : 1);
        expected.put(event(Topics.REVIEWS, "review.started"),
                this == WITHDRAWN_WHEN_SUBMITTED ? 0 : partnerAction ? 2 : 1);
        expected.put(event(Topics.REVIEWS, "review.partner-action-requested"), partnerAction ? 1 : 0);
        expected.put(event(Topics.REVIEWS, "review.approved"), approved);
        expected.put(event(Topics.REVIEWS, "review.rejected"), this == REVIEWER_REJECTED ? 1 : 0);
        expected.put(event(Topics.CONSENTS, "consent.requested"), approved);
        expected.put(event(Topics.CONSENTS, "consent.declined"), declined ? 1 : 0);
        expected.put(event(Topics.CONSENTS, "consent.window-elapsed"), sent);
        expected.put(event(Topics.NOTIFICATIONS, "notification.delivered"), approved);
        expected.put(event(Topics.INCENTIVE_EVALUATION, "association.ready-for-evaluation"), sent);
        return expected;
    }

    static String event(String topic, String type) {
        return topic + " " + type;
    }

    private boolean withdrawn() {
        return this == WITHDRAWN_WHEN_SUBMITTED || this == WITHDRAWN_IN_REVIEW;
    }

    Set<String> customerTemplates() {
        return approved() ? Set.of(CONSENT_REQUEST) : Set.of();
    }

    /** A partner's own withdrawal sends no mail (notification-service README). */
    Set<String> partnerTemplates(boolean declineAcknowledged) {
        return switch (this) {
            case WINDOW_ELAPSED -> Set.of(APPROVED, SENT_TO_EVALUATION);
            case CUSTOMER_DECLINED -> declineAcknowledged ? Set.of(APPROVED, DECLINED) : Set.of(APPROVED, SENT_TO_EVALUATION);
            case REVIEWER_REJECTED -> Set.of(REJECTED);
            case PARTNER_ACTION_THEN_APPROVED -> Set.of(ACTION_REQUIRED, APPROVED, SENT_TO_EVALUATION);
            case WITHDRAWN_WHEN_SUBMITTED, WITHDRAWN_IN_REVIEW -> Set.of();
        };
    }
}
