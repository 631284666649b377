package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.ActionNotAllowedException;
import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import com.cpor.claimservice.claim.domain.Transition;
import com.cpor.claimservice.config.ClaimPolicyProperties;
import com.cpor.events.Actor;
import com.cpor.events.CporEvent;
import com.cpor.events.claims.ClaimOutcomeRefused;
import com.cpor.events.claims.ClaimSentToEvaluation;
import com.cpor.events.consents.ConsentDeclined;
import com.cpor.events.consents.ConsentEvent;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.consents.ConsentWindowElapsed;
import com.cpor.events.incentives.AssociationReadyForEvaluation;
import com.cpor.events.ClaimStatus;
import com.cpor.events.reviews.DecisionTargetBreached;
import com.cpor.events.reviews.DisputeDecided;
import com.cpor.events.reviews.ReviewReassigned;
import com.cpor.events.reviews.PartnerActionRequested;
import com.cpor.events.reviews.PartnerResponseReminderDue;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewEvent;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.events.reviews.ReviewRejected;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.events.reviews.ReviewStarted;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.BusinessCalendars;
import com.cpor.platform.messaging.PoisonEventException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies review and consent outcomes to claims. claim-service is the system of record: an outcome the claim's
 * status no longer allows (it moved on) is refused, recorded in the history and announced with ClaimOutcomeRefused.
 * Runs inside the inbox transaction of the consumed event.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class ClaimOutcomes {

    private static final Actor SYSTEM = Actor.system("claim-service");

    private final ClaimRepository claims;
    private final ClaimJournal journal;
    private final ClaimPolicyProperties policy;
    private final BusinessCalendars calendars;
    private final ClaimMetrics metrics;
    private final ClaimExclusivity exclusivity;

    public ClaimOutcomes(ClaimRepository claims, ClaimJournal journal, ClaimPolicyProperties policy,
                         BusinessCalendars calendars, ClaimMetrics metrics, ClaimExclusivity exclusivity) {
        this.exclusivity = exclusivity;
        this.metrics = metrics;
        this.claims = claims;
        this.journal = journal;
        this.policy = policy;
        this.calendars = calendars;
    }

    public void apply(ReviewEvent event) {
        if (event instanceof DisputeDecided) {
            // an overturn re-checks exclusivity: the tenant's lock first, before the claim's row, as everywhere
            claims.find(event.claimId()).ifPresent(c -> claims.lockTenantForExclusivity(c.details().customer().tenantId()));
        }
        Claim claim = load(event);
        long loaded = claim.version();
        Instant now = journal.now();
        try {
            switch (event) {
                case ReviewQueued queued -> {
                    if (claim.recordReviewQueued(queued.reviewStartDueAt(), queued.disputeReviewDueAt(),
                            queued.decisionTargetDueAt(), now)) {
                        claims.update(claim, loaded);
                    }
                    journal.record(claim.id(), SYSTEM, HistoryEntry.Kind.REVIEW_QUEUED, queued.disputeReviewDueAt() != null
                            ? "Dispute queued for review; decision due by " + queued.disputeReviewDueAt()
                            : "Queued for review; review should start by " + queued.reviewStartDueAt()
                            + (queued.decisionTargetDueAt() == null ? ""
                            : "; decision targeted by " + queued.decisionTargetDueAt()));
                }
                case ReviewStarted started -> {
                    Transition transition = claim.startReview(started.reviewer(), started.decisionDueAt(), now);
                    claims.update(claim, loaded);
                    if (transition == null) {
                        journal.record(claim.id(), started.reviewer(), HistoryEntry.Kind.REVIEW_STARTED,
                                "Dispute review started; decision due by " + started.decisionDueAt());
                    } else {
                        journal.statusChanged(claim, transition);
                    }
                }
                case PartnerActionRequested requested -> {
                    Transition transition = claim.requestPartnerAction(requested.reviewer(), requested.reasons(),
                            requested.comment(), requested.productsToRemove(), requested.respondBy(), now);
                    claims.update(claim, loaded);
                    Map<String, Object> request = new LinkedHashMap<>();
                    request.put("respondBy", requested.respondBy());
                    if (requested.productsToRemove() != null && !requested.productsToRemove().isEmpty()) {
                        request.put("productsToRemove", requested.productsToRemove());
                    }
                    journal.statusChanged(claim, transition, request);
                }
                case ReviewApproved approved -> changed(claim, loaded,
                        claim.approve(approved.reviewer(), approved.comment(), now),
                        contactDomainReason(approved.contactDomainReason()));
                case ReviewRejected rejected -> changed(claim, loaded, claim.reject(rejected.reviewer(),
                        rejected.reason(), rejected.comment(),
                        policy.disputeWindowDuration().after(now, partnerCalendar(claim)), now));
                case DisputeDecided decided -> decideDispute(claim, loaded, decided, now);
                case ReviewSlaBreached breached -> journal.record(claim.id(), SYSTEM,
                        HistoryEntry.Kind.REVIEW_SLA_BREACHED,
                        "Review deadline " + breached.stage() + " passed at " + breached.dueAt(), List.of(),
                        Map.of("stage", breached.stage(), "dueAt", breached.dueAt()));
                case PartnerResponseReminderDue reminder -> journal.record(claim.id(), SYSTEM,
                        HistoryEntry.Kind.PARTNER_RESPONSE_REMINDER_DUE,
                        "Partner reminded to respond by " + reminder.respondBy());
                case DecisionTargetBreached breached -> journal.record(claim.id(), SYSTEM,
                        HistoryEntry.Kind.DECISION_TARGET_BREACHED,
                        "No decision by the overall decision target " + breached.dueAt(), List.of(),
                        Map.of("dueAt", breached.dueAt()));
                case ReviewReassigned reassigned -> journal.record(claim.id(), reassigned.reassignedBy(),
                        HistoryEntry.Kind.REVIEW_REASSIGNED, "Review reassigned to " + (reassigned.reviewer().name() != null
                                ? reassigned.reviewer().name() : reassigned.reviewer().id()), List.of(),
                        Map.of("reviewerId", reassigned.reviewer().id()));
            }
        } catch (ActionNotAllowedException refused) {
            refuse(event, claim, refused);
        } catch (IllegalArgumentException impossible) {
            throw new PoisonEventException("Event " + event.eventId() + " cannot be applied: " + impossible.getMessage(),
                    impossible);
        }
    }

    public void apply(ConsentEvent event) {
        Claim claim = load(event);
        long loaded = claim.version();
        Instant now = journal.now();
        try {
            switch (event) {
                case ConsentRequested requested -> {
                    claim.recordConsentWindow(requested.windowEndsAt(), now);
                    claims.update(claim, loaded);
                    journal.record(claim.id(), SYSTEM, HistoryEntry.Kind.CONSENT_REQUESTED,
                            "Customer notified; consent window ends at " + requested.windowEndsAt());
                }
                case ConsentDeclined declined -> changed(claim, loaded, claim.declineConsent(
                        declined.declinedBy() != null ? declined.declinedBy()
                                : new Actor("customer", "Customer", null, Actor.ActorKind.CUSTOMER), now));
                case ConsentWindowElapsed elapsed -> {
                    claim.sendToEvaluation(now);
                    claims.update(claim, loaded);
                    metrics.sentToEvaluation();
                    journal.record(claim.id(), SYSTEM, HistoryEntry.Kind.SENT_TO_EVALUATION,
                            "Consent window elapsed without a decline; sent to incentive-eligibility evaluation");
                    journal.publish(new AssociationReadyForEvaluation(journal.newEventId(), now, claim.id(),
                            claim.details().partnerId(), claim.details().customer().tenantId(),
                            claim.details().solutionArea(), claim.details().activity(), claim.details().program(),
                            ClaimSnapshots.products(claim.details()), claim.approvedAt(),
                            elapsed.windowEndedAt() != null ? elapsed.windowEndedAt() : now,
                            ClaimSnapshots.organisation(claim.partnerOrganisation())));
                    journal.publish(new ClaimSentToEvaluation(journal.newEventId(), now, claim.id(), now,
                            ClaimSnapshots.of(claim)));
                }
            }
        } catch (ActionNotAllowedException refused) {
            refuse(event, claim, refused);
        }
    }

    /** Partner-facing deadlines (the dispute window) count the partner's business days (spec §8). */
    private BusinessCalendar partnerCalendar(Claim claim) {
        PartnerOrganisation organisation = claim.partnerOrganisation();
        return organisation == null ? calendars.team()
                : calendars.partner(organisation.country(), organisation.timeZone());
    }

    private void changed(Claim claim, long loaded, Transition transition) {
        changed(claim, loaded, transition, Map.of());
    }

    private void changed(Claim claim, long loaded, Transition transition, Map<String, Object> context) {
        claims.update(claim, loaded);
        journal.statusChanged(claim, transition, context);
    }

    /** The reviewer's reason for approving despite a contact-domain warning, kept with the approval in the history. */
    private static Map<String, Object> contactDomainReason(String reason) {
        return reason == null ? Map.of() : Map.of("contactDomainReason", reason);
    }

    /**
     * An overturn approves only if exclusivity still holds, checked as for a submission (§8): other partners' overlapping
     * active claims are flagged competing on both sides, and while any active claim holds the workload the overturn is
     * refused (the claim stays DISPUTED; review-service reopens the dispute). Never two partners of record.
     */
    private void decideDispute(Claim claim, long loaded, DisputeDecided decided, Instant now) {
        boolean overturn = decided.outcome() == DisputeDecided.Outcome.OVERTURN;
        List<String> heldBy = List.of();
        if (overturn && claim.status() == ClaimStatus.DISPUTED) {
            ClaimExclusivity.Overlaps overlaps = exclusivity.of(claim);
            List<String> competing = ClaimExclusivity.ids(overlaps.otherPartners());
            if (!competing.isEmpty() && claim.flagCompetingWith(competing, now)) {
                claims.update(claim, loaded);
                exclusivity.flagCompeting(claim, competing, overlaps.otherPartners());
                loaded = claim.version();
            }
            heldBy = overlaps.heldBy();
        }
        changed(claim, loaded, claim.decideDispute(decided.reviewer(), overturn, decided.comment(), heldBy, now),
                overturn ? contactDomainReason(decided.contactDomainReason()) : Map.of());
    }

    /** The outcome came too late or out of turn: recorded, announced, never applied. */
    private void refuse(CporEvent event, Claim claim, ActionNotAllowedException refused) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refusedEventId", event.eventId().toString());
        details.put("refusedEventType", event.typeName());
        details.put("currentStatus", refused.status());
        journal.record(claim.id(), SYSTEM, HistoryEntry.Kind.OUTCOME_REFUSED,
                "Refused " + event.typeName() + ": " + refused.getMessage(), List.of(), details);
        journal.publish(new ClaimOutcomeRefused(journal.newEventId(), journal.now(), claim.id(), event.eventId(),
                event.typeName(), refused.status(), refused.getMessage()));
    }

    private Claim load(CporEvent event) {
        return claims.findForUpdate(event.claimId())
                .orElseThrow(() -> new PoisonEventException("No claim " + event.claimId() + " for " + event.typeName()
                        + " " + event.eventId()));
    }
}
