package com.cpor.claimservice.claim.domain;

import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.WithdrawalReason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static com.cpor.claimservice.claim.domain.ClaimAction.*;
import static com.cpor.events.ClaimStatus.*;

/**
 * The claim aggregate: its fields, its status machine (§3) and its edit rules. Every change goes through a
 * method here that refuses what the current status does not allow.
 */
public final class Claim {

    private final String id;
    private ClaimDetails details;
    private ClaimStatus status;
    private Rejection rejection;
    private Deadlines deadlines;
    private List<String> competingClaimIds;
    private Instant eligibilitySentAt;
    private int disputeCount;
    private Instant submittedAt;
    private Instant approvedAt;
    private final Instant createdAt;
    private Instant updatedAt;
    private long version;
    /** The open partner-action request: what the reviewer asked for (null when none is open). */
    private RequestedChanges requestedChanges;
    /** Policy in effect: how many times a claim may be disputed. */
    private final int disputesAllowed;
    /** Who stands behind the partnerId, from the partner directory (null for claims of IDs it no longer has). */
    private PartnerOrganisation partnerOrganisation;

    private Claim(String id, ClaimDetails details, ClaimStatus status, Rejection rejection, Deadlines deadlines,
                  List<String> competingClaimIds, Instant eligibilitySentAt, int disputeCount, Instant submittedAt,
                  Instant approvedAt, Instant createdAt, Instant updatedAt, long version, int disputesAllowed) {
        this.disputesAllowed = disputesAllowed;
        this.id = Objects.requireNonNull(id);
        this.details = details;
        this.status = status;
        this.rejection = rejection;
        this.deadlines = deadlines == null ? Deadlines.NONE : deadlines;
        this.competingClaimIds = List.copyOf(competingClaimIds);
        this.eligibilitySentAt = eligibilitySentAt;
        this.disputeCount = disputeCount;
        this.submittedAt = submittedAt;
        this.approvedAt = approvedAt;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** The claim as stored, with the open partner-action request. */
    public static Claim restore(String id, ClaimDetails details, ClaimStatus status, Rejection rejection,
                                Deadlines deadlines, List<String> competingClaimIds, Instant eligibilitySentAt,
                                int disputeCount, Instant submittedAt, Instant approvedAt, Instant createdAt,
                                Instant updatedAt, long version, int disputesAllowed, RequestedChanges requestedChanges) {
        Claim claim = restore(id, details, status, rejection, deadlines, competingClaimIds, eligibilitySentAt,
                disputeCount, submittedAt, approvedAt, createdAt, updatedAt, version, disputesAllowed);
        claim.requestedChanges = requestedChanges;
        return claim;
    }

    /** A new claim in EDITING; its fields must already be valid. */
    public static Claim create(String id, ClaimDetails details, Instant now, int disputesAllowed) {
        return create(id, details, now, disputesAllowed, FieldLimits.DEFAULTS);
    }

    public static Claim create(String id, ClaimDetails details, Instant now, int disputesAllowed, FieldLimits limits) {
        ClaimDetailsRules.require(details, limits);
        return new Claim(id, details, EDITING, null, Deadlines.NONE, List.of(), null, 0, null, null, now, now, 1,
                disputesAllowed);
    }

    /** A claim as stored. */
    public static Claim restore(String id, ClaimDetails details, ClaimStatus status, Rejection rejection,
                                Deadlines deadlines, List<String> competingClaimIds, Instant eligibilitySentAt,
                                int disputeCount, Instant submittedAt, Instant approvedAt, Instant createdAt,
                                Instant updatedAt, long version, int disputesAllowed) {
        return new Claim(id, details, status, rejection, deadlines, competingClaimIds, eligibilitySentAt,
                disputeCount, submittedAt, approvedAt, createdAt, updatedAt, version, disputesAllowed);
    }

    public PartnerOrganisation partnerOrganisation() {
        return partnerOrganisation;
    }

    /** The directory's organisation for the claim's partnerId, as loaded or as the partnerId was (re)chosen. */
    public void partnerOrganisationIs(PartnerOrganisation organisation) {
        this.partnerOrganisation = organisation;
    }

    // ---- what a partner may do now

    /** The partner actions the current status allows (named in every 409). */
    public List<ClaimAction> allowedActions(Instant now) {
        return switch (status) {
            case EDITING -> List.of(EDIT, UPLOAD_DOCUMENT, SUBMIT, DELETE, COMMENT);
            case SUBMITTED -> List.of(EDIT, UPLOAD_DOCUMENT, WITHDRAW, COMMENT);
            case IN_REVIEW, APPROVED -> List.of(WITHDRAW, COMMENT);
            case PARTNER_ACTION_REQUIRED -> List.of(EDIT, UPLOAD_DOCUMENT, RESUBMIT, WITHDRAW, COMMENT);
            case REJECTED -> disputeRefusal(now) == null
                    ? List.of(UPLOAD_DOCUMENT, DISPUTE, COMMENT) : List.of(COMMENT);
            case DISPUTED -> List.of(COMMENT);
        };
    }

    // ---- partner actions

    /**
     * Applies an edit. {@code touchedFields} are the fields the request named: naming a field that the status
     * does not allow to change is refused even if its value is unchanged.
     *
     * @return the fields that actually changed, with before and after
     */
    public List<FieldChange> edit(ClaimDetails edited, Set<String> touchedFields, Instant now) {
        return edit(edited, touchedFields, now, FieldLimits.DEFAULTS);
    }

    public List<FieldChange> edit(ClaimDetails edited, Set<String> touchedFields, Instant now, FieldLimits limits) {
        if (status != EDITING && status != SUBMITTED && status != PARTNER_ACTION_REQUIRED) {
            throw refused(EDIT, "A claim can be edited only while EDITING, SUBMITTED or PARTNER_ACTION_REQUIRED", now);
        }
        if (status != EDITING) {
            List<String> locked = touchedFields.stream()
                    .filter(field -> !ClaimDetails.EDITABLE_AFTER_SUBMIT.contains(field)).sorted().toList();
            if (!locked.isEmpty()) {
                throw new FieldsNotEditableException(locked, status);
            }
        }
        ClaimDetailsRules.require(edited, limits);
        List<FieldChange> changes = new ArrayList<>();
        var before = details.byField();
        edited.byField().forEach((field, after) -> {
            if (!Objects.equals(before.get(field), after)) {
                changes.add(new FieldChange(field, before.get(field), after));
            }
        });
        if (!changes.isEmpty()) {
            details = edited;
            touch(now);
        }
        return changes;
    }

    public void checkCanBeDeleted(Instant now) {
        if (status != EDITING) {
            throw refused(DELETE, "Only a claim in EDITING can be deleted; withdraw it instead", now);
        }
    }

    /** PoE can be added while the claim is being prepared or answered, and to a rejection that can still be disputed. */
    public void checkCanAddDocument(Instant now) {
        if (!allowedActions(now).contains(UPLOAD_DOCUMENT)) {
            throw refused(UPLOAD_DOCUMENT, "Documents cannot be added to a claim in " + status, now);
        }
    }

    /** Records that a document was added (the claim's version moves). */
    public void documentAdded(Instant now) {
        touch(now);
    }

    /** EDITING → SUBMITTED, or PARTNER_ACTION_REQUIRED → SUBMITTED (resubmission to the same reviewer). */
    public Transition submit(Actor partner, int documentCount, Instant now) {
        return submit(partner, documentCount, now, FieldLimits.DEFAULTS);
    }

    public Transition submit(Actor partner, int documentCount, Instant now, FieldLimits limits) {
        if (status != EDITING && status != PARTNER_ACTION_REQUIRED) {
            throw refused(SUBMIT, "Only a claim in EDITING or PARTNER_ACTION_REQUIRED can be submitted", now);
        }
        ClaimDetailsRules.require(details, limits);
        if (documentCount < 1) {
            throw new InvalidClaimException("documents", "at least one proof-of-execution document is required to submit");
        }
        boolean resubmission = status == PARTNER_ACTION_REQUIRED;
        if (resubmission) {
            requireRequestedRemovals();
            requestedChanges = null;
        } else {
            submittedAt = now;
        }
        deadlines = deadlines.withPartnerResponseDueAt(null).withReviewDecisionDueAt(null);
        return moveTo(SUBMITTED, partner, List.of(), resubmission ? "resubmitted" : null, now);
    }

    /** The products the reviewer asked to remove must be gone before the claim goes back (409 naming them). */
    private void requireRequestedRemovals() {
        if (requestedChanges == null || requestedChanges.productsToRemove().isEmpty()) {
            return;
        }
        Set<String> claimed = new LinkedHashSet<>();
        details.products().forEach(product -> claimed.add(product.code()));
        List<String> stillClaimed = requestedChanges.productsToRemove().stream().filter(claimed::contains).toList();
        if (!stillClaimed.isEmpty()) {
            throw new ProductsToRemoveException(stillClaimed);
        }
    }

    public boolean isResubmission(Transition transition) {
        return transition.from() == PARTNER_ACTION_REQUIRED && transition.to() == SUBMITTED;
    }

    /**
     * Partner request: final rejection from any active status.
     *
     * @param text the partner's words (required for {@link WithdrawalReason#OTHER}, checked by the caller)
     */
    public Transition withdraw(Actor partner, WithdrawalReason reason, String text, Instant now) {
        if (reason == null) {
            throw new IllegalArgumentException("A withdrawal needs a reason");
        }
        if (status != SUBMITTED && status != IN_REVIEW && status != PARTNER_ACTION_REQUIRED && status != APPROVED) {
            throw refused(WITHDRAW, "Only a submitted, in-review, partner-action-required or approved claim can be withdrawn"
                    + (status == EDITING ? "; a claim in EDITING can be deleted" : ""), now);
        }
        rejection = new Rejection(RejectionReason.PARTNER_REQUEST, text, now, true, reason);
        deadlines = Deadlines.NONE.withConsentWindowEndsAt(status == APPROVED ? deadlines.consentWindowEndsAt() : null);
        requestedChanges = null;
        return moveTo(REJECTED, partner, List.of(RejectionReason.PARTNER_REQUEST.name(), reason.name()), text, now);
    }

    public boolean wasSentToEvaluation() {
        return eligibilitySentAt != null;
    }

    /** REJECTED → DISPUTED, within the dispute window, at most {@code disputesAllowed} times, never for final rejections. */
    public Transition dispute(Actor partner, String justification, Instant now) {
        String refusal = disputeRefusal(now);
        if (refusal != null) {
            throw refused(DISPUTE, refusal, now);
        }
        disputeCount++;
        deadlines = deadlines.withDisputeUntil(null);
        return moveTo(DISPUTED, partner, List.of(rejection.reason().name()), justification, now);
    }

    private String disputeRefusal(Instant now) {
        if (status != REJECTED) {
            return "Only a rejected claim can be disputed";
        }
        if (rejection.reason().isFinalByNature()) {
            return "A rejection for " + rejection.reason() + " cannot be disputed";
        }
        if (rejection.finalDecision()) {
            return "The rejection is final; submit a new claim with updated proof of execution";
        }
        if (disputeCount >= disputesAllowed) {
            return "This claim was already disputed " + disputeCount + " time(s), the most allowed; "
                    + "submit a new claim with updated proof of execution";
        }
        if (deadlines.disputeUntil() != null && now.isAfter(deadlines.disputeUntil())) {
            return "The dispute window closed at " + deadlines.disputeUntil()
                    + "; submit a new claim with updated proof of execution";
        }
        return null;
    }

    /** Marks the claim as competing with other partners' active claims (reviewers decide). */
    public boolean flagCompetingWith(List<String> otherClaimIds, Instant now) {
        Set<String> ids = new LinkedHashSet<>(competingClaimIds);
        if (!ids.addAll(otherClaimIds)) {
            return false;
        }
        competingClaimIds = List.copyOf(ids);
        touch(now);
        return true;
    }

    // ---- reviewer outcomes

    /**
     * The review-start deadline and the overall decision target of a queued review, or the dispute-review deadline of
     * a dispute ({@code disputeReviewDueAt}; events of earlier versions carry it in {@code reviewStartDueAt}).
     */
    public boolean recordReviewQueued(Instant reviewStartDueAt, Instant disputeReviewDueAt, Instant decisionTargetDueAt,
                                      Instant now) {
        if (status == SUBMITTED) {
            deadlines = deadlines.withReviewStartDueAt(reviewStartDueAt).withDecisionTargetDueAt(decisionTargetDueAt);
        } else if (status == DISPUTED) {
            deadlines = deadlines.withDisputeReviewDueAt(disputeReviewDueAt != null ? disputeReviewDueAt : reviewStartDueAt);
        } else {
            return false;
        }
        touch(now);
        return true;
    }

    /** SUBMITTED → IN_REVIEW. A dispute review starting leaves the claim DISPUTED and returns null. */
    public Transition startReview(Actor reviewer, Instant decisionDueAt, Instant now) {
        if (status == DISPUTED) {
            deadlines = deadlines.withDisputeReviewDueAt(decisionDueAt != null ? decisionDueAt : deadlines.disputeReviewDueAt());
            touch(now);
            return null;
        }
        requireStatus(START_REVIEW, now, SUBMITTED);
        deadlines = deadlines.withReviewStartDueAt(null).withReviewDecisionDueAt(decisionDueAt);
        return moveTo(IN_REVIEW, reviewer, List.of(), null, now);
    }

    /**
     * IN_REVIEW → PARTNER_ACTION_REQUIRED with at least one reason; the partner must resubmit by {@code respondBy},
     * without the products the reviewer asks to remove.
     */
    public Transition requestPartnerAction(Actor reviewer, List<PartnerActionReason> reasons, String comment,
                                           Instant respondBy, Instant now) {
        return requestPartnerAction(reviewer, reasons, comment, List.of(), respondBy, now);
    }

    public Transition requestPartnerAction(Actor reviewer, List<PartnerActionReason> reasons, String comment,
                                           List<String> productsToRemove, Instant respondBy, Instant now) {
        requireStatus(REQUEST_PARTNER_ACTION, now, IN_REVIEW);
        if (reasons == null || reasons.isEmpty()) {
            throw new IllegalArgumentException("A partner-action request needs at least one reason");
        }
        requestedChanges = new RequestedChanges(reasons, comment,
                productsToRemove == null ? List.of() : productsToRemove.stream().distinct().toList(), now);
        // the decision target does not run while the partner is asked to act; the resubmission's review resumes it
        deadlines = deadlines.withReviewDecisionDueAt(null).withPartnerResponseDueAt(respondBy).withDecisionTargetDueAt(null);
        return moveTo(PARTNER_ACTION_REQUIRED, reviewer, reasons.stream().map(Enum::name).toList(), comment, now);
    }

    /** IN_REVIEW → APPROVED; the consent window opens next. */
    public Transition approve(Actor reviewer, String comment, Instant now) {
        requireStatus(APPROVE, now, IN_REVIEW);
        approvedAt = now;
        deadlines = Deadlines.NONE;
        return moveTo(APPROVED, reviewer, List.of(), comment, now);
    }

    /**
     * IN_REVIEW → REJECTED with a reviewer's reason, or PARTNER_ACTION_REQUIRED → REJECTED(NO_PARTNER_RESPONSE).
     *
     * @param disputeUntil the end of the dispute window starting now
     */
    public Transition reject(Actor reviewer, RejectionReason reason, String comment, Instant disputeUntil, Instant now) {
        if (reason == null || !(reason.isReviewerReason() || reason == RejectionReason.NO_PARTNER_RESPONSE)) {
            throw new IllegalArgumentException("Not a review rejection reason: " + reason);
        }
        if (reason == RejectionReason.NO_PARTNER_RESPONSE) {
            requireStatus(REJECT, now, PARTNER_ACTION_REQUIRED);
        } else {
            requireStatus(REJECT, now, IN_REVIEW);
        }
        rejection = new Rejection(reason, comment, now, false);
        deadlines = Deadlines.NONE.withDisputeUntil(disputeUntil);
        requestedChanges = null;
        return moveTo(REJECTED, reviewer, List.of(reason.name()), comment, now);
    }

    /** DISPUTED → APPROVED (overturned; the consent window opens) or DISPUTED → REJECTED (upheld; final). */
    public Transition decideDispute(Actor reviewer, boolean overturn, String comment, Instant now) {
        return decideDispute(reviewer, overturn, comment, List.of(), now);
    }

    /**
     * As {@link #decideDispute(Actor, boolean, String, Instant)}, with exclusivity re-checked as for a submission
     * (§8): an overturn is refused while other active claims hold an overlapping workload or subscription of the
     * tenant ({@code heldBy}, one line each), since approving would give it a second partner of record. The claim
     * stays DISPUTED for reviewers to decide beside them.
     */
    public Transition decideDispute(Actor reviewer, boolean overturn, String comment, List<String> heldBy, Instant now) {
        requireStatus(DECIDE_DISPUTE, now, DISPUTED);
        if (overturn && !heldBy.isEmpty()) {
            throw refused(DECIDE_DISPUTE, "The overturn was not applied: " + String.join("; ", heldBy)
                    + ". The dispute stays open; uphold it, or overturn once that claim is no longer active", now);
        }
        deadlines = Deadlines.NONE;
        if (overturn) {
            approvedAt = now;
            rejection = null;
            return moveTo(APPROVED, reviewer, List.of("OVERTURN"), comment, now);
        }
        rejection = new Rejection(rejection.reason(), comment, now, true);
        return moveTo(REJECTED, reviewer, List.of("UPHOLD", rejection.reason().name()), comment, now);
    }

    // ---- consent outcomes

    /** The customer's opt-out window opened; its end is shown on the claim. */
    public void recordConsentWindow(Instant windowEndsAt, Instant now) {
        requireOpenConsentWindow(OPEN_CONSENT_WINDOW, now);
        deadlines = deadlines.withConsentWindowEndsAt(windowEndsAt);
        touch(now);
    }

    /** APPROVED → REJECTED(CUSTOMER_DECLINED), final, while the window is open. */
    public Transition declineConsent(Actor customer, Instant now) {
        requireOpenConsentWindow(DECLINE_CONSENT, now);
        rejection = new Rejection(RejectionReason.CUSTOMER_DECLINED, null, now, true);
        deadlines = Deadlines.NONE;
        return moveTo(REJECTED, customer, List.of(RejectionReason.CUSTOMER_DECLINED.name()), null, now);
    }

    /** The window elapsed without a decline: the claim stays APPROVED and goes to eligibility evaluation. */
    public void sendToEvaluation(Instant now) {
        requireOpenConsentWindow(SEND_TO_EVALUATION, now);
        eligibilitySentAt = now;
        touch(now);
    }

    private void requireOpenConsentWindow(ClaimAction action, Instant now) {
        requireStatus(action, now, APPROVED);
        if (eligibilitySentAt != null) {
            throw refused(action, "The consent window already closed; the claim was sent to evaluation at "
                    + eligibilitySentAt, now);
        }
    }

    // ---- helpers

    private void requireStatus(ClaimAction action, Instant now, ClaimStatus required) {
        if (status != required) {
            throw refused(action, "'" + action.wireName() + "' needs a claim in " + required + ", but it is " + status, now);
        }
    }

    private ActionNotAllowedException refused(ClaimAction action, String detail, Instant now) {
        return new ActionNotAllowedException(action, status, allowedActions(now), detail);
    }

    private Transition moveTo(ClaimStatus target, Actor actor, List<String> reasonCodes, String comment, Instant now) {
        Transition transition = new Transition(status, target, actor, reasonCodes, comment);
        status = target;
        touch(now);
        return transition;
    }

    private void touch(Instant now) {
        updatedAt = now;
        version++;
    }

    // ---- state

    public String id() {
        return id;
    }

    public ClaimDetails details() {
        return details;
    }

    public ClaimStatus status() {
        return status;
    }

    public Rejection rejection() {
        return rejection;
    }

    public Deadlines deadlines() {
        return deadlines;
    }

    public List<String> competingClaimIds() {
        return competingClaimIds;
    }

    /** Whether another partner's active claim overlaps this one (all a partner may know of its competitors). */
    public boolean isCompeting() {
        return !competingClaimIds.isEmpty();
    }

    public RequestedChanges requestedChanges() {
        return requestedChanges;
    }

    public Instant eligibilitySentAt() {
        return eligibilitySentAt;
    }

    public int disputeCount() {
        return disputeCount;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant approvedAt() {
        return approvedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    /** Active claims count for exclusivity (§2): submitted, in review, partner action, approved. */
    public static boolean isActive(ClaimStatus status) {
        return status == SUBMITTED || status == IN_REVIEW || status == PARTNER_ACTION_REQUIRED || status == APPROVED;
    }
}
