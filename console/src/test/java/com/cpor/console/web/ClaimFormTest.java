package com.cpor.console.web;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The edit form: filled in from the claim, and the merge patch it sends names only what the status lets change. */
class ClaimFormTest {

    @Test
    void the_edit_form_shows_the_claim_as_the_api_returns_it() {
        ClaimForm form = ClaimForm.of(claim("EDITING"));

        assertThat(form.name()).isEqualTo("Contoso — Teams");
        assertThat(form.customerTenantId()).isEqualTo("6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10");
        assertThat(form.products()).containsExactly("TEAMS", "DYNAMICS_365_SALES");
        assertThat(form.customerContactTitle()).isEqualTo("CIO");
        assertThat(form.customerContactLocale()).isEqualTo("pl-PL");
        assertThat(form.partnerContactLocale()).as("no locale on the claim").isEqualTo("en-US");
    }

    @Test
    void after_submission_the_edit_sends_only_the_mpn_id_products_and_contacts() {
        for (String status : List.of("SUBMITTED", "PARTNER_ACTION_REQUIRED")) {
            Map<String, Object> patch = ClaimForm.of(claim(status)).toPatch(claim(status));

            assertThat(patch).as(status).containsOnlyKeys("partnerId", "products", "customerContact", "partnerContact");
            assertThat(ClaimForm.lockedIn(status)).contains("name", "solutionArea", "activity", "customer")
                    .doesNotContain("partnerId", "products", "customerContact", "partnerContact");
        }
    }

    @Test
    void while_editing_every_field_of_the_form_is_sent() {
        Map<String, Object> patch = ClaimForm.of(claim("EDITING")).toPatch(claim("EDITING"));

        assertThat(patch).containsOnlyKeys("name", "partnerId", "solutionArea", "activity", "customer", "products",
                "customerContact", "partnerContact");
        assertThat(ClaimForm.lockedIn("EDITING")).isEmpty();
    }

    @Test
    void a_kept_product_keeps_its_subscription_and_a_cleared_input_removes_its_value() {
        ClaimForm form = ClaimForm.of(claim("PARTNER_ACTION_REQUIRED"));
        ClaimForm edited = new ClaimForm(form.name(), form.partnerId(), form.solutionArea(), form.activity(),
                form.customerTenantId(), form.customerDomain(), form.customerName(), List.of("DYNAMICS_365_SALES", "POWER_BI_PRO"),
                form.customerContactName(), " ", "anna.k@contoso.example", "hu-HU", form.partnerContactName(),
                form.partnerContactEmail(), form.partnerContactLocale());

        Map<String, Object> patch = edited.toPatch(claim("PARTNER_ACTION_REQUIRED"));

        assertThat(patch.get("products")).isEqualTo(List.of(
                Map.of("code", "DYNAMICS_365_SALES", "subscriptionId", "sub-42"), Map.of("code", "POWER_BI_PRO")));
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = (Map<String, Object>) patch.get("customerContact");
        // null removes the title (merge patch); the contact's time zone is not on the form, so it is not touched
        assertThat(contact).containsEntry("title", null).containsEntry("email", "anna.k@contoso.example")
                .containsEntry("locale", "hu-HU").doesNotContainKey("timeZone");
    }

    private static Map<String, Object> claim(String status) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("id", "c-1");
        claim.put("status", status);
        claim.put("version", 3);
        claim.put("name", "Contoso — Teams");
        claim.put("partnerId", "1234567");
        claim.put("solutionArea", "MICROSOFT_365");
        claim.put("activity", "USAGE");
        claim.put("customer", Map.of("tenantId", "6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10", "domain", "contoso.example",
                "name", "Contoso Ltd", "declaredDomains", List.of("contoso.pl")));
        claim.put("products", List.of(Map.of("code", "TEAMS"),
                Map.of("code", "DYNAMICS_365_SALES", "subscriptionId", "sub-42")));
        claim.put("customerContact", Map.of("name", "Anna Kowalska", "title", "CIO", "email", "anna@contoso.example",
                "locale", "pl-PL", "timeZone", "Europe/Warsaw"));
        claim.put("partnerContact", Map.of("name", "Piotr Nowak", "email", "piotr@partner.example"));
        claim.put("allowedActions", List.of("edit"));
        return claim;
    }
}
