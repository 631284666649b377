package com.cpor.claimservice.claim.domain;

import com.cpor.events.Activity;
import com.cpor.events.ContactTimeZones;
import com.cpor.events.SolutionArea;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The field rules of §2; returns every violation at once so the partner can fix them in one go. Every length is
 * checked before a value is matched against anything, and no check backtracks: the cost is linear in the (bounded)
 * input.
 */
public final class ClaimDetailsRules {

    /** Subtags separated by '-': each starts after a '-', so the match cannot backtrack (and runs on <= 35 chars). */
    private static final Pattern DOMAIN =
            Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern LOCALE = Pattern.compile("[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*+");

    private ClaimDetailsRules() {
    }

    public static List<Violation> check(ClaimDetails details) {
        return check(details, FieldLimits.DEFAULTS);
    }

    public static List<Violation> check(ClaimDetails details, FieldLimits limits) {
        List<Violation> violations = new ArrayList<>();
        int maxText = limits.maxText();
        text(violations, "name", details.name(), true, maxText);
        text(violations, "partnerId", details.partnerId(), true, maxText);
        if (details.solutionArea() == null) {
            violations.add(new Violation("solutionArea", "is required (MICROSOFT_365 or BUSINESS_APPLICATIONS)"));
        }
        if (details.activity() == null) {
            violations.add(new Violation("activity", "is required (PRE_SALES, USAGE or REVENUE_ASSOCIATION)"));
        } else if (details.solutionArea() == SolutionArea.MICROSOFT_365 && details.activity() != Activity.USAGE) {
            violations.add(new Violation("activity", "Microsoft 365 claims allow USAGE only"));
        }
        customer(violations, details.customer(), maxText);
        products(violations, details.solutionArea(), details.products(), limits);
        contact(violations, "customerContact", details.customerContact(), true, maxText);
        if (details.customerTechnicalContact() != null) {
            contact(violations, "customerTechnicalContact", details.customerTechnicalContact(), false, maxText);
        }
        contact(violations, "partnerContact", details.partnerContact(), true, maxText);
        boolean revenue = details.activity() == Activity.REVENUE_ASSOCIATION;
        text(violations, "solutionSellerName", details.solutionSellerName(), revenue, maxText);
        text(violations, "isvSolutionName", details.isvSolutionName(), revenue, maxText);
        return violations;
    }

    public static void require(ClaimDetails details) {
        require(details, FieldLimits.DEFAULTS);
    }

    public static void require(ClaimDetails details, FieldLimits limits) {
        List<Violation> violations = check(details, limits);
        if (!violations.isEmpty()) {
            throw new InvalidClaimException(violations);
        }
    }

    private static void customer(List<Violation> violations, Customer customer, int maxText) {
        if (customer == null) {
            violations.add(new Violation("customer", "is required (tenantId, domain, name)"));
            return;
        }
        if (!isUuid(customer.tenantId())) {
            violations.add(new Violation("customer.tenantId", "must be a UUID"));
        }
        text(violations, "customer.domain", customer.domain(), true, maxText);
        text(violations, "customer.name", customer.name(), true, maxText);
        declaredDomains(violations, customer.declaredDomains());
    }

    /** Domain names (labels of letters, digits and hyphens, at least one dot), a few per customer, each once. */
    private static void declaredDomains(List<Violation> violations, List<String> domains) {
        if (domains.size() > FieldLimits.MAX_DECLARED_DOMAINS) {
            violations.add(new Violation("customer.declaredDomains",
                    "must list at most " + FieldLimits.MAX_DECLARED_DOMAINS + " domains"));
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            if (domain == null || domain.length() > FieldLimits.MAX_DOMAIN || !DOMAIN.matcher(domain).matches()) {
                violations.add(new Violation("customer.declaredDomains[" + i + "]",
                        "must be a domain name such as contoso.com (at most " + FieldLimits.MAX_DOMAIN + " characters)"));
            } else if (!seen.add(domain.toLowerCase(java.util.Locale.ROOT))) {
                violations.add(new Violation("customer.declaredDomains[" + i + "]", "is listed twice"));
            }
        }
    }

    private static void products(List<Violation> violations, SolutionArea area, List<Product> products,
                                 FieldLimits limits) {
        if (products.isEmpty()) {
            violations.add(new Violation("products", "at least one product is required"));
            return;
        }
        if (products.size() > limits.maxProducts()) {
            violations.add(new Violation("products", "at most " + limits.maxProducts() + " products per claim"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            String path = "products[" + i + "]";
            if (product == null || product.code() == null || product.code().isBlank()) {
                violations.add(new Violation(path + ".code", "is required"));
                continue;
            }
            if (product.code().length() > limits.maxText()) {
                violations.add(new Violation(path + ".code", "must be at most " + limits.maxText() + " characters"));
                continue;
            }
            if (product.subscriptionId() != null && product.subscriptionId().length() > limits.maxText()) {
                violations.add(new Violation(path + ".subscriptionId",
                        "must be at most " + limits.maxText() + " characters"));
                continue;
            }
            if (area != null && !ProductCatalogue.contains(area, product.code())) {
                violations.add(new Violation(path + ".code", "is not a " + area + " product; one of "
                        + ProductCatalogue.codesOf(area)));
            }
            if (area != null && ProductCatalogue.needsSubscription(area) && !isUuid(product.subscriptionId())) {
                violations.add(new Violation(path + ".subscriptionId",
                        "is required for Business Applications products and must be a UUID"));
            }
            if (area == SolutionArea.MICROSOFT_365 && product.subscriptionId() != null) {
                violations.add(new Violation(path + ".subscriptionId",
                        "Microsoft 365 workloads are claimed per tenant, without a subscription"));
            }
            if (!seen.add(product.exclusivityKey())) {
                violations.add(new Violation(path, "is listed twice"));
            }
        }
    }

    private static void contact(List<Violation> violations, String field, Contact contact, boolean needsLocale,
                                int maxText) {
        if (contact == null) {
            violations.add(new Violation(field, "is required (name, email, locale)"));
            return;
        }
        text(violations, field + ".name", contact.name(), true, maxText);
        text(violations, field + ".title", contact.title(), false, maxText);
        if (!isEmail(contact.email())) {
            violations.add(new Violation(field + ".email",
                    "must be an e-mail address (at most " + FieldLimits.MAX_EMAIL + " characters)"));
        }
        if (contact.locale() == null ? needsLocale : contact.locale().length() > FieldLimits.MAX_LOCALE
                || !LOCALE.matcher(contact.locale()).matches()) {
            violations.add(new Violation(field + ".locale", "is required as a language tag such as en-US or pl-PL"));
        }
        if (contact.timeZone() != null && (contact.timeZone().length() > FieldLimits.MAX_TIME_ZONE
                || !ContactTimeZones.isIanaId(contact.timeZone()))) {
            violations.add(new Violation(field + ".timeZone",
                    "must be an IANA time zone such as Europe/Warsaw or America/New_York (or left out)"));
        }
    }

    /**
     * local@domain.tld: one '@', a non-empty local part, a domain with a dot that is neither first nor last, no
     * whitespace; the length is bounded first. A single pass: a pattern for this backtracked quadratically.
     */
    static boolean isEmail(String value) {
        if (value == null || value.length() > FieldLimits.MAX_EMAIL) {
            return false;
        }
        int at = value.indexOf('@');
        if (at <= 0 || value.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        int dot = value.indexOf('.', at + 2);
        return dot > 0 && dot < value.length() - 1;
    }

    private static void text(List<Violation> violations, String field, String value, boolean required, int maxText) {
        if (value != null && value.length() > maxText) {
            violations.add(new Violation(field, "must be at most " + maxText + " characters"));
        } else if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
        }
    }

    private static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
