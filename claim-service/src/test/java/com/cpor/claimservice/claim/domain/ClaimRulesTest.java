package com.cpor.claimservice.claim.domain;

import com.cpor.events.Activity;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.WithdrawalReason;
import com.cpor.events.SolutionArea;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static com.cpor.claimservice.claim.domain.Claims.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ClaimRulesTest {

    private static final int ONE_MIB = 1024 * 1024;

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
        assertThat(claim.withdraw(PARTNER, WithdrawalReason.NO_LONGER_WORKING_WITH_CUSTOMER, null, NOW).to()).isEqualTo(ClaimStatus.REJECTED);
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
    void a_withdrawal_records_its_reason_code_and_the_partners_text() {
        Claim claim = Claims.inStatus(ClaimStatus.IN_REVIEW);
        Transition t = claim.withdraw(PARTNER, WithdrawalReason.WRONG_ACTIVITY, "Pre-sales, not revenue", NOW);
        assertThat(t.reasonCodes()).containsExactly("PARTNER_REQUEST", "WRONG_ACTIVITY");
        assertThat(t.comment()).isEqualTo("Pre-sales, not revenue");
        assertThat(claim.rejection().reason()).isEqualTo(RejectionReason.PARTNER_REQUEST);
        assertThat(claim.rejection().withdrawalReason()).isEqualTo(WithdrawalReason.WRONG_ACTIVITY);
        assertThat(claim.rejection().comment()).isEqualTo("Pre-sales, not revenue");
    }

    @Test
    void a_resubmission_that_still_claims_a_product_the_reviewer_asked_to_remove_is_refused_naming_it() {
        Claim claim = Claims.inStatus(ClaimStatus.IN_REVIEW);
        claim.requestPartnerAction(REVIEWER, List.of(PartnerActionReason.MISSING_PRODUCTS), "Exchange is not on the PoE",
                List.of("EXCHANGE_ONLINE"), NOW.plus(Duration.ofDays(7)), NOW);
        assertThat(claim.requestedChanges().productsToRemove()).containsExactly("EXCHANGE_ONLINE");
        assertThat(claim.requestedChanges().reasons()).containsExactly(PartnerActionReason.MISSING_PRODUCTS);

        assertThatThrownBy(() -> claim.submit(PARTNER, 1, NOW))
                .isInstanceOfSatisfying(ProductsToRemoveException.class,
                        e -> assertThat(e.products()).containsExactly("EXCHANGE_ONLINE"));
        assertThat(claim.status()).isEqualTo(ClaimStatus.PARTNER_ACTION_REQUIRED);

        ClaimDetails d = claim.details();
        claim.edit(new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                List.of(new Product("TEAMS", null)), d.customerContact(), null, d.partnerContact(), null, null),
                Set.of("products"), NOW);
        assertThat(claim.submit(PARTNER, 1, NOW).to()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(claim.requestedChanges()).as("the request was answered").isNull();
    }

    @Test
    void a_contact_time_zone_is_optional_but_must_be_an_iana_zone() {
        ClaimDetails d = microsoft365();
        for (String zone : List.of("Europe/Warsaw", "America/New_York", "Asia/Shanghai")) {
            ClaimDetails valid = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                    d.products(), new Contact("Anna", null, "anna@contoso.example", "pl-PL", zone), null,
                    d.partnerContact(), null, null);
            assertThat(fields(valid)).as(zone).isEmpty();
        }
        for (String zone : List.of("Mars/Olympus_Mons", "+02:00", "CET+1", "europe/warsaw", "x".repeat(100_000))) {
            ClaimDetails invalid = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                    d.products(), d.customerContact(), null,
                    new Contact("Piotr", null, "piotr@partner.example", "en-US", zone), null, null);
            assertThat(fields(invalid)).as(zone).containsExactly("partnerContact.timeZone");
        }
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
                new Contact("Anna", null, "anna-at-contoso", null, null), null,
                new Contact("Piotr", null, "piotr@partner.example", "en-US", null), null, null);
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

    // ---- bounded input (issue 12: the e-mail pattern backtracked quadratically, lengths were checked after it)

    @Test
    void pathological_and_one_mebibyte_emails_are_refused_without_backtracking() {
        ClaimDetails d = microsoft365();
        for (String email : List.of("a@" + ".".repeat(40_000) + "@", "a@" + ".".repeat(ONE_MIB) + "@",
                "x".repeat(ONE_MIB), "a@" + "b.".repeat(ONE_MIB / 2))) {
            ClaimDetails hostile = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(),
                    d.customer(), d.products(), new Contact("Anna", null, email, "pl-PL", null), null, d.partnerContact(),
                    null, null);
            // a guard against denial of service only: the check is linear and takes microseconds
            assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThat(fields(hostile)).containsExactly("customerContact.email"));
        }
    }

    @Test
    void emails_keep_their_shape_rules() {
        assertThat(ClaimDetailsRules.isEmail("anna@contoso.example")).isTrue();
        assertThat(ClaimDetailsRules.isEmail("a.b+c@sub.contoso.example")).isTrue();
        assertThat(ClaimDetailsRules.isEmail("a@b.c")).isTrue();
        for (String bad : List.of("", "anna", "@contoso.example", "anna@", "anna@contoso", "anna@.example",
                "anna@contoso.", "an na@contoso.example", "anna@contoso@example.com", "anna@conto so.example",
                "a@" + "b".repeat(250) + ".com")) {
            assertThat(ClaimDetailsRules.isEmail(bad)).as(bad).isFalse();
        }
    }

    @Test
    void every_text_field_of_one_mebibyte_is_refused_by_its_length_and_named() {
        String huge = "x".repeat(ONE_MIB);
        Product hugeProduct = new Product(huge, null);
        Contact hugeContact = new Contact(huge, huge, huge, huge, null);
        ClaimDetails hostile = new ClaimDetails(huge, huge, SolutionArea.BUSINESS_APPLICATIONS,
                Activity.REVENUE_ASSOCIATION, new Customer(huge, huge, huge),
                List.of(hugeProduct, new Product("POWER_BI_PRO", huge)), hugeContact, hugeContact, hugeContact,
                huge, huge);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(fields(hostile)).contains("name",
                "partnerId", "customer.tenantId", "customer.domain", "customer.name", "products[0].code",
                "products[1].subscriptionId", "customerContact.name", "customerContact.title", "customerContact.email",
                "customerContact.locale", "customerTechnicalContact.name", "customerTechnicalContact.email",
                "partnerContact.name", "partnerContact.title", "partnerContact.email", "partnerContact.locale",
                "solutionSellerName", "isvSolutionName"));
    }

    @Test
    void a_long_but_well_formed_language_tag_is_refused_by_its_length() {
        ClaimDetails d = microsoft365();
        String tag = "en" + "-abcdefgh".repeat(100_000);
        ClaimDetails hostile = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                d.products(), new Contact("Anna", null, "anna@contoso.example", tag, null), null, d.partnerContact(), null, null);
        assertThat(fields(hostile)).containsExactly("customerContact.locale");
    }

    @Test
    void products_beyond_the_limit_are_one_violation_not_one_per_product() {
        ClaimDetails d = microsoft365();
        List<Product> many = java.util.stream.IntStream.range(0, 100_000).mapToObj(i -> new Product("TEAMS", null)).toList();
        ClaimDetails hostile = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                many, d.customerContact(), null, d.partnerContact(), null, null);
        assertThat(ClaimDetailsRules.check(hostile, new FieldLimits(200, 3)))
                .containsExactly(new Violation("products", "at most 3 products per claim"));
        assertThat(ClaimDetailsRules.check(d, new FieldLimits(200, 2))).isEmpty();
        assertThatThrownBy(() -> Claim.create("c-1", d, NOW, 1, new FieldLimits(200, 1)))
                .isInstanceOf(InvalidClaimException.class);
    }

    @Test
    void text_limits_are_configurable() {
        ClaimDetails d = microsoft365();
        ClaimDetails longName = new ClaimDetails("n".repeat(300), d.partnerId(), d.solutionArea(), d.activity(),
                d.customer(), d.products(), d.customerContact(), null, d.partnerContact(), null, null);
        assertThat(fields(longName)).containsExactly("name");
        assertThat(ClaimDetailsRules.check(longName, new FieldLimits(300, 50))).isEmpty();
    }

    private static List<String> fields(ClaimDetails details) {
        return ClaimDetailsRules.check(details).stream().map(Violation::field).toList();
    }
}
