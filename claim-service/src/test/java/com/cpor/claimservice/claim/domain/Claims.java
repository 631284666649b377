package com.cpor.claimservice.claim.domain;

import com.cpor.events.Activity;
import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.RejectionReason;
import com.cpor.events.SolutionArea;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Claims in any status for unit tests. */
final class Claims {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Actor PARTNER = new Actor("partner-admin", "Piotr", "piotr@partner.example", Actor.ActorKind.PARTNER);
    static final Actor REVIEWER = new Actor("reviewer", "Réka", "reka@reviews.example", Actor.ActorKind.REVIEWER);
    static final Actor CUSTOMER = new Actor("customer", "Anna", "anna@contoso.example", Actor.ActorKind.CUSTOMER);

    private Claims() {
    }

    static ClaimDetails microsoft365() {
        return new ClaimDetails("Contoso usage", "1234567", SolutionArea.MICROSOFT_365, Activity.USAGE,
                new Customer(UUID.randomUUID().toString(), "contoso.onmicrosoft.com", "Contoso Ltd"),
                List.of(new Product("TEAMS", null), new Product("EXCHANGE_ONLINE", null)),
                new Contact("Anna Kowalska", "CIO", "anna@contoso.example", "pl-PL", null), null,
                new Contact("Piotr Nowak", null, "piotr@partner.example", "en-US", null), null, null);
    }

    static ClaimDetails businessApplications() {
        return new ClaimDetails("Fabrikam sales", "1234567", SolutionArea.BUSINESS_APPLICATIONS, Activity.PRE_SALES,
                new Customer(UUID.randomUUID().toString(), "fabrikam.example", "Fabrikam"),
                List.of(new Product("DYNAMICS_365_SALES", UUID.randomUUID().toString())),
                new Contact("Jan", null, "jan@fabrikam.example", "hu-HU", null), null,
                new Contact("Piotr Nowak", null, "piotr@partner.example", "en-US", null), null, null);
    }

    /** A claim in {@code status}; rejected ones are reviewer rejections still open to dispute. */
    static Claim inStatus(ClaimStatus status) {
        Rejection rejection = switch (status) {
            case REJECTED, DISPUTED -> new Rejection(RejectionReason.INSUFFICIENT_POE, "not signed", NOW, false);
            default -> null;
        };
        Deadlines deadlines = status == ClaimStatus.REJECTED
                ? Deadlines.NONE.withDisputeUntil(NOW.plusSeconds(30L * 24 * 3600)) : Deadlines.NONE;
        return Claim.restore("c-" + UUID.randomUUID(), microsoft365(), status, rejection, deadlines, List.of(), null,
                status == ClaimStatus.DISPUTED ? 1 : 0, null, null, NOW, NOW, 3, 1);
    }

    static Claim rejected(RejectionReason reason, boolean finalDecision, Instant disputeUntil, int disputeCount) {
        return Claim.restore("c-" + UUID.randomUUID(), microsoft365(), ClaimStatus.REJECTED,
                new Rejection(reason, null, NOW, finalDecision), Deadlines.NONE.withDisputeUntil(disputeUntil),
                List.of(), null, disputeCount, null, null, NOW, NOW, 3, 1);
    }
}
