package com.cpor.reviewservice.review.domain;

import com.cpor.events.ClaimSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The customer's opt-out notice goes to the contact e-mail the partner typed. When that address is not at the
 * customer's domain or one of its declared domains (a subdomain of one counts), the notice could be routed to
 * someone else: reviewers are warned and must say why they approve anyway. The one place this rule lives.
 *
 * @param contactDomain   the domain of the customer contact's e-mail
 * @param customerDomains the customer's domain and declared domains it was compared with
 */
public record ContactDomainWarning(String contactDomain, List<String> customerDomains) {

    /** The field of an approval (and an overturn) that carries the reviewer's reason. */
    public static final String REASON_FIELD = "contactDomainReason";

    public static Optional<ContactDomainWarning> of(ClaimSnapshot claim) {
        if (claim == null || claim.customerContact() == null || claim.customer() == null) {
            return Optional.empty();
        }
        String contactDomain = domainOf(claim.customerContact().email());
        if (contactDomain == null) {
            return Optional.empty();
        }
        List<String> customerDomains = new ArrayList<>();
        addDomain(customerDomains, claim.customer().domain());
        claim.customer().declaredDomains().forEach(domain -> addDomain(customerDomains, domain));
        boolean owned = customerDomains.stream()
                .anyMatch(domain -> contactDomain.equals(domain) || contactDomain.endsWith("." + domain));
        return owned ? Optional.empty() : Optional.of(new ContactDomainWarning(contactDomain, List.copyOf(customerDomains)));
    }

    public String explanation() {
        return "the customer contact's e-mail domain " + contactDomain + " is not the customer's "
                + String.join(" or ", customerDomains);
    }

    private static void addDomain(List<String> domains, String domain) {
        String normalized = normalize(domain);
        if (normalized != null && !domains.contains(normalized)) {
            domains.add(normalized);
        }
    }

    private static String domainOf(String email) {
        if (email == null || email.lastIndexOf('@') < 0) {
            return null;
        }
        return normalize(email.substring(email.lastIndexOf('@') + 1));
    }

    private static String normalize(String domain) {
        if (domain == null) {
            return null;
        }
        String trimmed = domain.strip().toLowerCase(Locale.ROOT);
        while (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}
