package com.cpor.reviewservice;

import com.cpor.events.Activity;
import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Program;
import com.cpor.events.SolutionArea;
import com.cpor.events.claims.ClaimDisputed;
import com.cpor.events.claims.ClaimOutcomeRefused;
import com.cpor.events.claims.ClaimResubmitted;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.claims.ClaimSubmitted;
import com.cpor.events.claims.ClaimWithdrawn;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.claims.CompetingClaimsDetected;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** claim-service's events as a test feeds them, with realistic snapshots. */
public final class ClaimEvents {

    public static final Actor PARTNER = new Actor("partner-admin", "Piotr Nowak", "piotr@partner-one.example",
            Actor.ActorKind.PARTNER);

    private ClaimEvents() {
    }

    public static String newClaimId() {
        return "c-" + UUID.randomUUID();
    }

    /** The customer declares contoso.example, the domain of its contact's e-mail: no contact-domain warning. */
    public static ClaimSnapshot snapshot(String claimId, ClaimStatus status, List<String> competing, Instant at) {
        return snapshot(claimId, status, competing, at, "anna@contoso.example");
    }

    public static ClaimSnapshot snapshot(String claimId, ClaimStatus status, List<String> competing, Instant at,
                                         String customerContactEmail) {
        return new ClaimSnapshot(claimId, "Contoso — Teams and Exchange usage", "1234567",
                SolutionArea.MICROSOFT_365, Activity.USAGE, Program.OSU_M365,
                new ClaimSnapshot.Customer("6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10", "contoso.onmicrosoft.com", "Contoso Ltd",
                        List.of("contoso.example")),
                List.of(new ClaimSnapshot.Product("TEAMS", null), new ClaimSnapshot.Product("EXCHANGE_ONLINE", null)),
                new ClaimSnapshot.Contact("Anna Kowalska", "CIO", customerContactEmail, "pl-PL"), null,
                new ClaimSnapshot.Contact("Piotr Nowak", null, "piotr@partner.example", "en-US"),
                null, null, status, null, ClaimSnapshot.Deadlines.NONE, competing, null, 0, at, null, at, at, 1);
    }

    /** The same claim under another name, as claim-service publishes it at {@code version}. */
    public static ClaimSnapshot renamed(ClaimSnapshot claim, String name, long version) {
        return new ClaimSnapshot(claim.claimId(), name, claim.partnerId(), claim.solutionArea(), claim.activity(),
                claim.program(), claim.customer(), claim.products(), claim.customerContact(),
                claim.customerTechnicalContact(), claim.partnerContact(), claim.solutionSellerName(),
                claim.isvSolutionName(), claim.status(), claim.rejection(), claim.deadlines(), claim.competingClaimIds(),
                claim.eligibilitySentAt(), claim.disputeCount(), claim.submittedAt(), claim.approvedAt(),
                claim.createdAt(), claim.updatedAt(), version);
    }

    public static ClaimSubmitted submitted(String claimId, Instant at) {
        return submitted(claimId, at, List.of());
    }

    public static ClaimSubmitted submitted(String claimId, Instant at, List<String> competing) {
        return new ClaimSubmitted(UUID.randomUUID(), at, claimId, PARTNER,
                snapshot(claimId, ClaimStatus.SUBMITTED, competing, at));
    }

    /** A submission whose customer contact's e-mail is at a domain the customer does not declare. */
    public static ClaimSubmitted submittedWithContact(String claimId, Instant at, String customerContactEmail) {
        return new ClaimSubmitted(UUID.randomUUID(), at, claimId, PARTNER,
                snapshot(claimId, ClaimStatus.SUBMITTED, List.of(), at, customerContactEmail));
    }

    public static ClaimResubmitted resubmitted(String claimId, Instant at) {
        return new ClaimResubmitted(UUID.randomUUID(), at, claimId, PARTNER,
                snapshot(claimId, ClaimStatus.SUBMITTED, List.of(), at));
    }

    public static ClaimStatusChanged statusChanged(String claimId, ClaimStatus from, ClaimStatus to, Instant at,
                                                   String... reasonCodes) {
        return new ClaimStatusChanged(UUID.randomUUID(), at, claimId, from, to, Actor.system("claim-service"),
                List.of(reasonCodes), null, snapshot(claimId, to, List.of(), at));
    }

    public static ClaimWithdrawn withdrawn(String claimId, ClaimStatus previous, Instant at) {
        return new ClaimWithdrawn(UUID.randomUUID(), at, claimId, PARTNER, "No longer working with the customer",
                previous, snapshot(claimId, ClaimStatus.REJECTED, List.of(), at));
    }

    public static ClaimDisputed disputed(String claimId, Instant at) {
        return new ClaimDisputed(UUID.randomUUID(), at, claimId, PARTNER, "The PoE was signed; see the new upload",
                List.of("d-1"), snapshot(claimId, ClaimStatus.DISPUTED, List.of(), at));
    }

    public static ClaimOutcomeRefused outcomeRefused(String claimId, UUID refusedEventId, String type,
                                                     ClaimStatus current, Instant at) {
        return outcomeRefused(claimId, refusedEventId, type, current, at,
                "The claim was withdrawn before the decision arrived");
    }

    public static ClaimOutcomeRefused outcomeRefused(String claimId, UUID refusedEventId, String type,
                                                     ClaimStatus current, Instant at, String explanation) {
        return new ClaimOutcomeRefused(UUID.randomUUID(), at, claimId, refusedEventId, type, current, explanation);
    }

    public static CompetingClaimsDetected competing(String claimId, List<String> competing, Instant at) {
        return new CompetingClaimsDetected(UUID.randomUUID(), at, claimId, competing, List.of("TEAMS"),
                snapshot(claimId, ClaimStatus.SUBMITTED, competing, at));
    }

    public static CommentAdded comment(String claimId, String text, Instant at) {
        return new CommentAdded(UUID.randomUUID(), at, claimId, "k-" + UUID.randomUUID(), PARTNER, text,
                snapshot(claimId, ClaimStatus.SUBMITTED, List.of(), at));
    }
}
