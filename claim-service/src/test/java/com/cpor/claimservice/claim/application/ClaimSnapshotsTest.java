package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimDetails;
import com.cpor.claimservice.claim.domain.Contact;
import com.cpor.claimservice.claim.domain.Customer;
import com.cpor.claimservice.claim.domain.Deadlines;
import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import com.cpor.claimservice.claim.domain.Product;
import com.cpor.claimservice.claim.domain.Rejection;
import com.cpor.claimservice.claim.domain.RequestedChanges;
import com.cpor.events.Activity;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.Program;
import com.cpor.events.RejectionReason;
import com.cpor.events.SolutionArea;
import com.cpor.events.WithdrawalReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot other services act on carries every field of the claim, each in its own place. */
class ClaimSnapshotsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static Instant t(int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    @Test
    void every_field_of_the_claim_reaches_its_own_place_in_the_snapshot() {
        ClaimDetails details = new ClaimDetails("Fabrikam sales", "1234567", SolutionArea.BUSINESS_APPLICATIONS,
                Activity.PRE_SALES, new Customer("tenant-1", "fabrikam.example", "Fabrikam", List.of("fabrikam.com")),
                List.of(new Product("POWER_APPS", "sub-1")),
                new Contact("Jan", "CIO", "jan@fabrikam.example", "hu-HU", "Europe/Budapest"),
                new Contact("Tech", "Admin", "tech@fabrikam.example", "en-US", null),
                new Contact("Piotr", null, "piotr@partner.example", "pl-PL", "Europe/Warsaw"), "Seller", "ISV app");
        Deadlines deadlines = new Deadlines(t(1), t(2), t(3), t(4), t(5), t(6), t(7));
        Rejection rejection = new Rejection(RejectionReason.PARTNER_REQUEST, "wrong activity", t(8), true,
                WithdrawalReason.WRONG_ACTIVITY);
        RequestedChanges requested = new RequestedChanges(List.of(PartnerActionReason.MISSING_PRODUCTS), "remove it",
                List.of("POWER_BI_PRO"), t(9));
        Claim claim = Claim.restore("c-1", details, ClaimStatus.PARTNER_ACTION_REQUIRED, rejection, deadlines,
                List.of("c-2"), t(10), 2, t(11), t(12), t(13), t(14), 15, 1, requested);
        claim.partnerOrganisationIs(new PartnerOrganisation("1234567", "Northwind", "PL", "Europe/Warsaw",
                List.of("7654321"), T0, T0, 1));

        assertThat(ClaimSnapshots.of(claim)).isEqualTo(new ClaimSnapshot("c-1", "Fabrikam sales", "1234567",
                SolutionArea.BUSINESS_APPLICATIONS, Activity.PRE_SALES,
                Program.of(SolutionArea.BUSINESS_APPLICATIONS, Activity.PRE_SALES),
                new ClaimSnapshot.Customer("tenant-1", "fabrikam.example", "Fabrikam", List.of("fabrikam.com")),
                List.of(new ClaimSnapshot.Product("POWER_APPS", "sub-1")),
                new ClaimSnapshot.Contact("Jan", "CIO", "jan@fabrikam.example", "hu-HU", "Europe/Budapest"),
                new ClaimSnapshot.Contact("Tech", "Admin", "tech@fabrikam.example", "en-US", null),
                new ClaimSnapshot.Contact("Piotr", null, "piotr@partner.example", "pl-PL", "Europe/Warsaw"),
                "Seller", "ISV app", ClaimStatus.PARTNER_ACTION_REQUIRED,
                new ClaimSnapshot.Rejection(RejectionReason.PARTNER_REQUEST, "wrong activity", t(8), true,
                        WithdrawalReason.WRONG_ACTIVITY),
                new ClaimSnapshot.Deadlines(t(1), t(2), t(3), t(4), t(5), t(6), t(7)),
                List.of("c-2"), t(10), 2, t(11), t(12), t(13), t(14), 15,
                new ClaimSnapshot.PartnerOrganisation("1234567", "Northwind", "PL", "Europe/Warsaw"),
                new ClaimSnapshot.RequestedChanges(List.of(PartnerActionReason.MISSING_PRODUCTS), "remove it",
                        List.of("POWER_BI_PRO"), t(9))));
    }

    @Test
    void what_a_claim_does_not_have_is_absent_from_its_snapshot() {
        ClaimDetails details = new ClaimDetails("Contoso", "1234567", SolutionArea.MICROSOFT_365, Activity.USAGE,
                new Customer("6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10", "contoso.example", "Contoso"),
                List.of(new Product("TEAMS", null)),
                new Contact("Anna", null, "anna@contoso.example", "pl-PL", null), null,
                new Contact("Piotr", null, "piotr@partner.example", "pl-PL", null), null, null);
        Claim claim = Claim.create("c-1", details, T0, 1);

        ClaimSnapshot snapshot = ClaimSnapshots.of(claim);

        assertThat(snapshot.customerTechnicalContact()).isNull();
        assertThat(snapshot.rejection()).isNull();
        assertThat(snapshot.partnerOrganisation()).isNull();
        assertThat(snapshot.requestedChanges()).isNull();
        assertThat(snapshot.deadlines()).isEqualTo(new ClaimSnapshot.Deadlines(null, null, null, null, null, null, null));
    }
}
