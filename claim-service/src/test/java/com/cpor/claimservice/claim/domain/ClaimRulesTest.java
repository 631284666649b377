package com.cpor.claimservice.claim.domain;

import com.cpor.events.Activity;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.SolutionArea;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.cpor.claimservice.claim.domain.Claims.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimRulesTest {

    @Test
    void a_new_claim_is_editing_at_version_one_with_the_derived_program() {
        Claim claim = Claim.create("c-1", microsoft365(), NOW, 1);
        assertThat(claim.status()).isEqualTo(ClaimStatus.EDITING);
        assertThat(claim.version()).isEqualTo(1);
        assertThat(claim.details().program()).isEqualTo(com.cpor.events.Program.OSU_M365);
        assertThat(businessApplications().program()).isEqualTo(com.cpor.events.Program.OSA);
    }

    @Test
    void submit_needs_at_least_one_document() {
        Claim claim = Claim.create("c-1", microsoft365(), NOW, 1);
        assertThatThrownBy(() -> claim.submit(PARTNER, 0, NOW))
                .isInstanceOfSatisfying(InvalidClaimException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("documents"));
        assertThat(claim.status()).isEqualTo(ClaimStatus.EDITING);
    }

    @Test
    void rejects_edit_of_tenant_solution_area_and_activity_after_submit() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);
        ClaimDetails d = claim.details();
        assertThatThrownBy(() -> claim.edit(d, Set.of("customer", "solutionArea", "activity", "products"), NOW))
                .isInstanceOfSatisfying(FieldsNotEditableException.class,
                        e -> assertThat(e.fields()).containsExactly("activity", "customer", "solutionArea"));
    }

    @Test
    void products_and_partner_id_stay_editable_after_submit_with_before_and_after() {
        Claim claim = Claims.inStatus(ClaimStatus.PARTNER_ACTION_REQUIRED);
        ClaimDetails d = claim.details();
        ClaimDetails fewer = new ClaimDetails(d.name(), "7654321", d.solutionArea(), d.activity(), d.customer(),
                List.of(new Product("TEAMS", null)), d.customerContact(), null, d.partnerContact(), null, null);
        List<FieldChange> changes = claim.edit(fewer, Set.of("products", "partnerId"), NOW);
        assertThat(changes).extracting(FieldChange::field).containsExactly("partnerId", "products");
        assertThat(changes.get(1).after()).isEqualTo(List.of(new Product("TEAMS", null)));
    }

    @Test
    void an_edit_that_breaks_a_rule_is_refused_and_changes_nothing() {
        Claim claim = Claim.create("c-1", microsoft365(), NOW, 1);
        ClaimDetails d = claim.details();
        ClaimDetails noProducts = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                List.of(), d.customerContact(), null, d.partnerContact(), null, null);
        assertThatThrownBy(() -> claim.edit(noProducts, Set.of("products"), NOW)).isInstanceOf(InvalidClaimException.class);
        assertThat(claim.details()).isEqualTo(d);
        assertThat(claim.version()).isEqualTo(1);
    }

    @Test
    void dispute_after_the_window_tells_the_partner_to_submit_a_new_claim() {
        Claim claim = rejected(RejectionReason.INSUFFICIENT_POE, false, NOW.plus(Duration.ofDays(30)), 0);
        assertThatThrownBy(() -> claim.dispute(PARTNER, "late", NOW.plus(Duration.ofDays(31))))
                .isInstanceOf(ActionNotAllowedException.class).hasMessageContaining("submit a new claim");
        assertThat(claim.dispute(PARTNER, "in time", NOW.plus(Duration.ofDays(29))).to()).isEqualTo(ClaimStatus.DISPUTED);
    }

    @Test
    void a_claim_can_be_disputed_only_as_often_as_the_policy_allows() {
        Claim claim = rejected(RejectionReason.INSUFFICIENT_POE, false, NOW.plus(Duration.ofDays(30)), 1);
        assertThatThrownBy(() -> claim.dispute(PARTNER, "again", NOW))
                .isInstanceOf(ActionNotAllowedException.class).hasMessageContaining("already disputed");
    }

    @Test
    void partner_request_customer_declined_and_final_rejections_cannot_be_disputed() {
        for (RejectionReason reason : List.of(RejectionReason.PARTNER_REQUEST, RejectionReason.CUSTOMER_DECLINED)) {
            Claim claim = rejected(reason, true, null, 0);
            assertThatThrownBy(() -> claim.dispute(PARTNER, "why", NOW))
                    .isInstanceOf(ActionNotAllowedException.class).hasMessageContaining(reason.name());
        }
        Claim upheld = rejected(RejectionReason.MISSING_PRODUCTS, true, NOW.plus(Duration.ofDays(30)), 0);
        assertThatThrownBy(() -> upheld.dispute(PARTNER, "why", NOW)).hasMessageContaining("final");
    }

    @Test
    void decline_and_evaluation_are_refused_once_the_claim_was_sent_to_evaluation() {
        Claim claim = Claims.inStatus(ClaimStatus.APPROVED);
        claim.sendToEvaluation(NOW);
        assertThatThrownBy(() -> claim.declineConsent(CUSTOMER, NOW)).isInstanceOf(ActionNotAllowedException.class);
        assertThatThrownBy(() -> claim.sendToEvaluation(NOW)).isInstanceOf(ActionNotAllowedException.class);
        assertThat(claim.withdraw(PARTNER, "no longer working with the customer", NOW).to()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(claim.wasSentToEvaluation()).isTrue();
        assertThat(claim.rejection().finalDecision()).isTrue();
    }

    @Test
    void a_reviewer_rejection_opens_the_dispute_window_and_records_the_reason() {
        Claim claim = Claims.inStatus(ClaimStatus.IN_REVIEW);
        Transition t = claim.reject(REVIEWER, RejectionReason.POE_UNAVAILABLE, "gone", NOW.plus(Duration.ofDays(30)), NOW);
        assertThat(t.reasonCodes()).containsExactly("POE_UNAVAILABLE");
        assertThat(claim.deadlines().disputeUntil()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(claim.rejection().finalDecision()).isFalse();
    }

    @Test
    void impossible_outcomes_are_rejected_as_arguments() {
        assertThatThrownBy(() -> Claims.inStatus(ClaimStatus.IN_REVIEW)
                .requestPartnerAction(REVIEWER, List.of(), null, NOW, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Claims.inStatus(ClaimStatus.IN_REVIEW)
                .reject(REVIEWER, RejectionReason.CUSTOMER_DECLINED, null, NOW, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Claims.inStatus(ClaimStatus.IN_REVIEW).requestPartnerAction(REVIEWER,
                List.of(PartnerActionReason.MISSING_ALL_POE), null, NOW, NOW).reasonCodes()).containsExactly("MISSING_ALL_POE");
    }

    @Test
    void competing_claims_are_flagged_once() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);
        assertThat(claim.flagCompetingWith(List.of("c-other"), NOW)).isTrue();
        assertThat(claim.flagCompetingWith(List.of("c-other"), NOW)).isFalse();
        assertThat(claim.competingClaimIds()).containsExactly("c-other");
    }

    // ---- field rules (§2)

    @Test
    void microsoft_365_allows_usage_only() {
        ClaimDetails d = microsoft365();
        ClaimDetails preSales = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), Activity.PRE_SALES,
                d.customer(), d.products(), d.customerContact(), null, d.partnerContact(), null, null);
        assertThat(fields(preSales)).containsExactly("activity");
    }

    @Test
    void business_applications_products_need_a_subscription_and_must_be_in_the_catalogue() {
        ClaimDetails d = businessApplications();
        ClaimDetails bad = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                List.of(new Product("DYNAMICS_365_SALES", null), new Product("TEAMS", UUID.randomUUID().toString())),
                d.customerContact(), null, d.partnerContact(), null, null);
        assertThat(fields(bad)).containsExactly("products[0].subscriptionId", "products[1].code");
    }

    @Test
    void revenue_association_needs_solution_seller_and_isv_solution() {
        ClaimDetails d = businessApplications();
        ClaimDetails revenue = new ClaimDetails(d.name(), d.partnerId(), SolutionArea.BUSINESS_APPLICATIONS,
                Activity.REVENUE_ASSOCIATION, d.customer(), d.products(), d.customerContact(), null, d.partnerContact(),
                null, " ");
        assertThat(fields(revenue)).containsExactly("solutionSellerName", "isvSolutionName");
        assertThat(revenue.program()).isNull();
    }

    @Test
    void tenant_must_be_a_uuid_and_contacts_need_email_and_locale() {
        ClaimDetails d = microsoft365();
        ClaimDetails bad = new ClaimDetails("", d.partnerId(), d.solutionArea(), d.activity(),
                new Customer("not-a-uuid", "contoso", "Contoso"), d.products(),
                new Contact("Anna", null, "anna-at-contoso", null), null,
                new Contact("Piotr", null, "piotr@partner.example", "en-US"), null, null);
        assertThat(fields(bad)).containsExactly("name", "customer.tenantId", "customerContact.email",
                "customerContact.locale");
    }

    @Test
    void the_same_product_twice_is_refused() {
        ClaimDetails d = microsoft365();
        ClaimDetails twice = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                List.of(new Product("TEAMS", null), new Product("TEAMS", null)), d.customerContact(), null,
                d.partnerContact(), null, null);
        assertThat(fields(twice)).containsExactly("products[1]");
    }

    private static List<String> fields(ClaimDetails details) {
        return ClaimDetailsRules.check(details).stream().map(Violation::field).toList();
    }
}
