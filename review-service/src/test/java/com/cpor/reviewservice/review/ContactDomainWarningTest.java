package com.cpor.reviewservice.review;

import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.reviewservice.ClaimEvents;
import com.cpor.reviewservice.review.domain.ContactDomainWarning;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * §8: reviewers are warned when the customer contact's e-mail is not at the customer's domain or one of its declared
 * domains ({@code ClaimEvents.snapshot}: domain contoso.onmicrosoft.com, declared contoso.example).
 */
class ContactDomainWarningTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void a_contact_at_the_customer_s_domain_a_declared_domain_or_a_subdomain_of_one_raises_no_warning() {
        for (String email : List.of("anna@contoso.example", "anna@CONTOSO.example.", "anna@contoso.onmicrosoft.com",
                "anna@eu.contoso.example")) {
            assertThat(ContactDomainWarning.of(claim(email))).as(email).isEmpty();
        }
    }

    @Test
    void a_contact_elsewhere_is_warned_about_naming_both_sides() {
        ContactDomainWarning warning = ContactDomainWarning.of(claim("anna@Mailbox.Example")).orElseThrow();

        assertThat(warning.contactDomain()).isEqualTo("mailbox.example");
        assertThat(warning.customerDomains()).containsExactly("contoso.onmicrosoft.com", "contoso.example");
        assertThat(warning.explanation()).isEqualTo("the customer contact's e-mail domain mailbox.example is not the "
                + "customer's contoso.onmicrosoft.com or contoso.example");
    }

    @Test
    void a_domain_that_only_ends_like_the_customer_s_is_not_the_customer_s() {
        assertThat(ContactDomainWarning.of(claim("anna@evilcontoso.example"))).isPresent();
    }

    @Test
    void without_a_contact_address_or_customer_there_is_nothing_to_compare() {
        assertThat(ContactDomainWarning.of(null)).isEmpty();
        assertThat(ContactDomainWarning.of(claim(null))).isEmpty();
        assertThat(ContactDomainWarning.of(claim("no-at-sign"))).isEmpty();
        assertThat(ContactDomainWarning.of(claim("anna@"))).isEmpty();
        assertThat(ContactDomainWarning.of(claim("anna@..."))).isEmpty();
    }

    @Test
    void the_customer_s_domain_is_listed_once_even_when_declared_again() {
        ClaimSnapshot base = claim("anna@mailbox.example");
        ClaimSnapshot.Customer customer = new ClaimSnapshot.Customer(base.customer().tenantId(), "contoso.example",
                base.customer().name(), List.of(" Contoso.Example ", "fabrikam.example"));
        ClaimSnapshot claim = new ClaimSnapshot(base.claimId(), base.name(), base.partnerId(), base.solutionArea(),
                base.activity(), base.program(), customer, base.products(), base.customerContact(),
                base.customerTechnicalContact(), base.partnerContact(), base.solutionSellerName(), base.isvSolutionName(),
                base.status(), base.rejection(), base.deadlines(), base.competingClaimIds(), base.eligibilitySentAt(),
                base.disputeCount(), base.submittedAt(), base.approvedAt(), base.createdAt(), base.updatedAt(),
                base.version());

        assertThat(ContactDomainWarning.of(claim).orElseThrow().customerDomains())
                .containsExactly("contoso.example", "fabrikam.example");
    }

    private static ClaimSnapshot claim(String email) {
        return ClaimEvents.snapshot("c-1", ClaimStatus.IN_REVIEW, List.of(), NOW, email);
    }
}
