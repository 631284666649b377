package com.cpor.claimservice.claim.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.cpor.claimservice.claim.domain.Claims.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The field rules of §2 at their edges: the last accepted value and the first refused one. */
class ClaimFieldBoundariesTest {

    @Test
    void an_e_mail_address_of_254_characters_is_accepted_and_one_of_255_is_not() {
        String domain = "@contoso.example";
        assertThat(ClaimDetailsRules.isEmail("a".repeat(254 - domain.length()) + domain)).isTrue();
        assertThat(ClaimDetailsRules.isEmail("a".repeat(255 - domain.length()) + domain)).isFalse();
    }

    @Test
    void an_e_mail_address_needs_a_local_part_before_its_single_at_sign() {
        assertThat(ClaimDetailsRules.isEmail("@contoso.example")).isFalse();
        assertThat(ClaimDetailsRules.isEmail("a@contoso.example")).isTrue();
        assertThat(ClaimDetailsRules.isEmail("anna@contoso@example.com")).isFalse();
    }

    @Test
    void a_customer_declares_at_most_twenty_further_domains() {
        List<String> twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "d" + i + ".example").toList();
        List<String> twentyOne = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "d" + i + ".example").toList();

        assertThat(ClaimDetailsRules.check(withDeclaredDomains(twenty))).isEmpty();
        assertThat(ClaimDetailsRules.check(withDeclaredDomains(twentyOne)))
                .containsExactly(new Violation("customer.declaredDomains", "must list at most 20 domains"));
    }

    @Test
    void each_declared_domain_must_be_a_domain_name_of_at_most_253_characters_listed_once_whatever_its_case() {
        String label = "a".repeat(63);
        String domain253 = String.join(".", label, label, label, "b".repeat(61));
        String domain254 = String.join(".", label, label, label, "b".repeat(62));
        assertThat(domain253).hasSize(253);
        String invalid = "must be a domain name such as contoso.com (at most 253 characters)";

        assertThat(ClaimDetailsRules.check(withDeclaredDomains(List.of(
                "fabrikam.example", "no-dot", domain253, domain254, "Fabrikam.Example", "contoso.example"))))
                .containsExactly(new Violation("customer.declaredDomains[1]", invalid),
                        new Violation("customer.declaredDomains[3]", invalid),
                        new Violation("customer.declaredDomains[4]", "is listed twice"));
    }

    @Test
    void a_missing_entry_among_the_declared_domains_is_named_by_its_index() {
        assertThat(ClaimDetailsRules.check(withDeclaredDomains(java.util.Arrays.asList("fabrikam.example", null))))
                .containsExactly(new Violation("customer.declaredDomains[1]",
                        "must be a domain name such as contoso.com (at most 253 characters)"));
    }

    @Test
    void a_customer_or_organisation_without_a_list_has_an_empty_one() {
        assertThat(new Customer("t", "contoso.example", "Contoso", null).declaredDomains()).isEmpty();
        assertThat(new PartnerOrganisation("1234567", "Partner", "PL", "Europe/Warsaw", null, NOW, NOW, 1).locationIds())
                .isEmpty();
    }

    @Test
    void an_e_mail_address_needs_a_dot_after_the_first_character_of_its_domain() {
        assertThat(ClaimDetailsRules.isEmail("anna@c.example")).isTrue();
        assertThat(ClaimDetailsRules.isEmail("anna@.c")).isFalse();
        assertThat(ClaimDetailsRules.isEmail("anna@c.")).isFalse();
        assertThat(ClaimDetailsRules.isEmail("anna@contoso.example\u0007")).isFalse();
    }

    @Test
    void a_language_tag_of_35_characters_is_accepted_and_one_of_36_is_not() {
        String tag35 = "en" + "-abcdefgh".repeat(3) + "-abcde";
        String tag36 = "en" + "-abcdefgh".repeat(3) + "-abcdef";
        assertThat(tag35).hasSize(35);
        assertThat(tag36).hasSize(36);

        assertThat(fields(withCustomerContact(contact("anna@contoso.example", tag35)))).isEmpty();
        assertThat(fields(withCustomerContact(contact("anna@contoso.example", tag36))))
                .containsExactly("customerContact.locale");
    }

    @Test
    void a_technical_contact_may_leave_out_its_locale_but_not_carry_a_malformed_one() {
        ClaimDetails d = microsoft365();
        ClaimDetails withoutLocale = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(),
                d.customer(), d.products(), d.customerContact(), contact("ops@contoso.example", null),
                d.partnerContact(), null, null);
        assertThat(fields(withoutLocale)).isEmpty();

        ClaimDetails malformed = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(),
                d.customer(), d.products(), d.customerContact(), contact("ops@contoso.example", "not a tag"),
                d.partnerContact(), null, null);
        assertThat(fields(malformed)).containsExactly("customerTechnicalContact.locale");
    }

    @Test
    void a_product_code_at_the_text_limit_is_judged_by_the_catalogue_and_one_beyond_by_its_length() {
        FieldLimits limits = new FieldLimits(10, 50);
        ClaimDetails d = microsoft365();

        assertThat(ClaimDetailsRules.check(withProducts(d, new Product("X".repeat(10), null)), limits))
                .extracting(Violation::field, Violation::message)
                .contains(org.assertj.core.groups.Tuple.tuple("products[0].code",
                        "is not a MICROSOFT_365 product; one of [EXCHANGE_ONLINE, SHAREPOINT_ONLINE, ONEDRIVE, TEAMS, "
                                + "MICROSOFT_365_APPS, INTUNE, ENTRA_ID_P1, DEFENDER, PURVIEW, VIVA]"));
        assertThat(ClaimDetailsRules.check(withProducts(d, new Product("X".repeat(11), null)), limits))
                .contains(new Violation("products[0].code", "must be at most 10 characters"));
    }

    @Test
    void a_subscription_id_at_the_text_limit_is_judged_as_a_uuid_and_one_beyond_by_its_length() {
        ClaimDetails d = businessApplications();
        FieldLimits limits = new FieldLimits(36, 50);
        String uuid = UUID.randomUUID().toString();

        assertThat(ClaimDetailsRules.check(withProducts(d, new Product("POWER_APPS", uuid)), limits))
                .noneMatch(v -> v.field().startsWith("products"));
        assertThat(ClaimDetailsRules.check(withProducts(d, new Product("POWER_APPS", uuid + "0")), limits))
                .contains(new Violation("products[0].subscriptionId", "must be at most 36 characters"));
    }

    @Test
    void a_tenant_or_subscription_of_uuid_length_that_is_not_a_uuid_is_refused() {
        String notUuid = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";
        assertThat(notUuid).hasSize(36);
        ClaimDetails d = businessApplications();
        ClaimDetails bad = new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(),
                new Customer(notUuid, "fabrikam.example", "Fabrikam"), List.of(new Product("POWER_APPS", notUuid)),
                d.customerContact(), null, d.partnerContact(), null, null);

        assertThat(fields(bad)).containsExactly("customer.tenantId", "products[0].subscriptionId");
    }

    @Test
    void microsoft_365_workloads_are_claimed_without_a_subscription() {
        ClaimDetails withSubscription = withProducts(microsoft365(), new Product("TEAMS", UUID.randomUUID().toString()));
        assertThat(fields(withSubscription)).containsExactly("products[0].subscriptionId");
    }

    @Test
    void missing_customer_contacts_and_products_are_each_named() {
        ClaimDetails d = microsoft365();
        ClaimDetails empty = new ClaimDetails(d.name(), d.partnerId(), null, null, null,
                List.of(new Product(" ", null), new Product(null, null)), null, null, null, null, null);

        assertThat(fields(empty)).containsExactly("solutionArea", "activity", "customer", "products[0].code",
                "products[1].code", "customerContact", "partnerContact");
        assertThat(fields(withProducts(d))).containsExactly("products");
    }

    @Test
    void the_same_subscription_twice_is_one_product_twice_whatever_its_case() {
        ClaimDetails d = businessApplications();
        String subscription = UUID.randomUUID().toString();
        ClaimDetails twice = withProducts(d, new Product("POWER_APPS", subscription),
                new Product("POWER_APPS", subscription.toUpperCase()), new Product("POWER_BI_PRO", subscription));

        assertThat(fields(twice)).containsExactly("products[1]");
        assertThat(twice.exclusivityKeys()).containsExactly("POWER_APPS:" + subscription, "POWER_BI_PRO:" + subscription);
        assertThat(new Product("TEAMS", " ").exclusivityKey()).isEqualTo("TEAMS");
        assertThat(microsoft365().exclusivityKeys()).containsExactly("TEAMS", "EXCHANGE_ONLINE");
    }

    @Test
    void refusing_invalid_details_names_every_violation_in_the_message() {
        ClaimDetails d = microsoft365();
        ClaimDetails bad = new ClaimDetails("", d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                List.of(), d.customerContact(), null, d.partnerContact(), null, null);

        assertThatThrownBy(() -> ClaimDetailsRules.require(bad))
                .isInstanceOfSatisfying(InvalidClaimException.class, e -> assertThat(e.violations()).hasSize(2))
                .hasMessage("name: is required; products: at least one product is required");
        ClaimDetailsRules.require(d);
    }

    @Test
    void field_limits_must_allow_at_least_one_character_and_one_product() {
        assertThat(new FieldLimits(1, 1).maxText()).isEqualTo(1);
        assertThatThrownBy(() -> new FieldLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldLimits(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void history_entries_without_changes_or_details_hold_empty_ones() {
        HistoryEntry entry = new HistoryEntry(1, "c-1", NOW, PARTNER, HistoryEntry.Kind.CREATED, "created", null, null);
        assertThat(entry.changes()).isEmpty();
        assertThat(entry.details()).isEmpty();
    }

    private static Contact contact(String email, String locale) {
        return new Contact("Anna Kowalska", null, email, locale, null);
    }

    private static ClaimDetails withCustomerContact(Contact contact) {
        ClaimDetails d = microsoft365();
        return new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(), d.products(),
                contact, null, d.partnerContact(), null, null);
    }

    private static ClaimDetails withDeclaredDomains(List<String> domains) {
        ClaimDetails d = microsoft365();
        Customer c = d.customer();
        return new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(),
                new Customer(c.tenantId(), c.domain(), c.name(), domains), d.products(), d.customerContact(), null,
                d.partnerContact(), null, null);
    }

    private static ClaimDetails withProducts(ClaimDetails d, Product... products) {
        return new ClaimDetails(d.name(), d.partnerId(), d.solutionArea(), d.activity(), d.customer(),
                java.util.Arrays.asList(products), d.customerContact(), null, d.partnerContact(), null, null);
    }

    private static List<String> fields(ClaimDetails details) {
        return ClaimDetailsRules.check(details).stream().map(Violation::field).toList();
    }
}
