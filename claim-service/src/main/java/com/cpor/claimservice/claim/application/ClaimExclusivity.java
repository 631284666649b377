package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import com.cpor.claimservice.claim.application.ClaimRepository.Overlap;
import com.cpor.events.Actor;
import com.cpor.events.claims.CompetingClaimsDetected;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Exclusivity (§2, §8): a workload (Microsoft 365) or subscription (Business Applications) of a customer tenant has
 * one partner of record. The one rule for every way a claim becomes active: submission, resubmission, an edit of an
 * active claim, and the overturn of a dispute. Callers hold the tenant's lock (taken before any claim row lock).
 */
@Component
public class ClaimExclusivity {

    private static final Actor SYSTEM = Actor.system("claim-service");

    private final ClaimRepository claims;
    private final ClaimJournal journal;
    private final ClaimMetrics metrics;

    public ClaimExclusivity(ClaimRepository claims, ClaimJournal journal, ClaimMetrics metrics) {
        this.claims = claims;
        this.journal = journal;
        this.metrics = metrics;
    }

    /** Other active claims on the claim's tenant sharing a workload or subscription with it, the partner's own included. */
    public Overlaps of(Claim claim) {
        String tenantId = claim.details().customer().tenantId();
        claims.lockTenantForExclusivity(tenantId);
        List<Overlap> overlaps = claims.activeOverlapping(tenantId, claim.details().exclusivityKeys(), claim.id());
        String partnerId = claim.details().partnerId();
        return new Overlaps(overlaps.stream().filter(o -> o.partnerId().equals(partnerId)).toList(),
                overlaps.stream().filter(o -> !o.partnerId().equals(partnerId)).toList());
    }

    /**
     * For a submission or an edit: the same partner may not hold two active claims on one tenant and product (409);
     * other partners' overlapping claims are returned, to be flagged as competing.
     */
    public List<Overlap> otherPartnersOverlaps(Claim claim) {
        Overlaps overlaps = of(claim);
        if (!overlaps.own().isEmpty()) {
            throw new ClaimConflictException(ClaimConflictException.Conflict.DUPLICATE_ACTIVE_CLAIM,
                    "Partner " + claim.details().partnerId() + " already has an active claim on this tenant for "
                            + keys(overlaps.own()) + ": " + ids(overlaps.own()));
        }
        return overlaps.otherPartners();
    }

    /** Records and announces the competition on the claim and on each competitor not yet flagged with it. */
    public void flagCompeting(Claim claim, List<String> competing, List<Overlap> overlaps) {
        metrics.competingClaimsDetected();
        recordCompeting(claim, competing, keys(overlaps));
        for (String otherId : competing) {
            Claim other = claims.findForUpdate(otherId).orElseThrow();
            long loaded = other.version();
            if (other.flagCompetingWith(List.of(claim.id()), journal.now())) {
                claims.update(other, loaded);
                recordCompeting(other, List.of(claim.id()),
                        keys(overlaps.stream().filter(o -> o.claimId().equals(otherId)).toList()));
            }
        }
    }

    private void recordCompeting(Claim claim, List<String> competing, List<String> products) {
        journal.record(claim.id(), SYSTEM, HistoryEntry.Kind.COMPETING_CLAIMS_DETECTED,
                "Competing with " + String.join(", ", competing) + " on " + String.join(", ", products), List.of(),
                Map.of("competingClaimIds", competing, "overlappingProducts", products));
        journal.publish(new CompetingClaimsDetected(journal.newEventId(), journal.now(), claim.id(),
                claim.competingClaimIds(), products, ClaimSnapshots.of(claim)));
    }

    static List<String> ids(List<Overlap> overlaps) {
        return overlaps.stream().map(Overlap::claimId).distinct().toList();
    }

    static List<String> keys(List<Overlap> overlaps) {
        return overlaps.stream().map(Overlap::key).distinct().toList();
    }

    /** What an active claim would overlap: the same partner's other claims, and other partners' claims. */
    public record Overlaps(List<Overlap> own, List<Overlap> otherPartners) {

        public boolean isEmpty() {
            return own.isEmpty() && otherPartners.isEmpty();
        }

        /**
         * Why the claim cannot become the partner of record now, one line per holder; other partners' claims are not
         * named, as the line ends up in the partner's history.
         */
        public List<String> heldBy() {
            List<String> lines = new java.util.ArrayList<>();
            if (!own.isEmpty()) {
                lines.add("the partner's active claim " + String.join(", ", ids(own)) + " holds "
                        + String.join(", ", keys(own)) + " of this tenant");
            }
            if (!otherPartners.isEmpty()) {
                lines.add("another partner's active claim holds " + String.join(", ", keys(otherPartners))
                        + " of this tenant");
            }
            return lines;
        }
    }
}
