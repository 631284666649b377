package com.cpor.claimservice.claim.domain;

import com.cpor.events.Activity;
import com.cpor.events.SolutionArea;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The field rules of §2; returns every violation at once so the partner can fix them in one go. */
public final class ClaimDetailsRules {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern LOCALE = Pattern.compile("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$");
    private static final int MAX_TEXT = 200;

    private ClaimDetailsRules() {
    }

    public static List<Violation> check(ClaimDetails details) {
        List<Violation> violations = new ArrayList<>();
        text(violations, "name", details.name(), true);
        text(violations, "partnerId", details.partnerId(), true);
        if (details.solutionArea() == null) {
            violations.add(new Violation("solutionArea", "is required (MICROSOFT_365 or BUSINESS_APPLICATIONS)"));
        }
        if (details.activity() == null) {
            violations.add(new Violation("activity", "is required (PRE_SALES, USAGE or REVENUE_ASSOCIATION)"));
        } else if (details.solutionArea() == SolutionArea.MICROSOFT_365 && details.activity() != Activity.USAGE) {
            violations.add(new Violation("activity", "Microsoft 365 claims allow USAGE only"));
        }
        customer(violations, details.customer());
        products(violations, details.solutionArea(), details.products());
        contact(violations, "customerContact", details.customerContact(), true);
        if (details.customerTechnicalContact() != null) {
            contact(violations, "customerTechnicalContact", details.customerTechnicalContact(), false);
        }
        contact(violations, "partnerContact", details.partnerContact(), true);
        if (details.activity() == Activity.REVENUE_ASSOCIATION) {
            text(violations, "solutionSellerName", details.solutionSellerName(), true);
            text(violations, "isvSolutionName", details.isvSolutionName(), true);
        } else {
            text(violations, "solutionSellerName", details.solutionSellerName(), false);
            text(violations, "isvSolutionName", details.isvSolutionName(), false);
        }
        return violations;
    }

    public static void require(ClaimDetails details) {
        List<Violation> violations = check(details);
        if (!violations.isEmpty()) {
            throw new InvalidClaimException(violations);
        }
    }

    private static void customer(List<Violation> violations, Customer customer) {
        if (customer == null) {
            violations.add(new Violation("customer", "is required (tenantId, domain, name)"));
            return;
        }
        if (!isUuid(customer.tenantId())) {
            violations.add(new Violation("customer.tenantId", "must be a UUID"));
        }
        text(violations, "customer.domain", customer.domain(), true);
        text(violations, "customer.name", customer.name(), true);
    }

    private static void products(List<Violation> violations, SolutionArea area, List<Product> products) {
        if (products.isEmpty()) {
            violations.add(new Violation("products", "at least one product is required"));
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

    private static void contact(List<Violation> violations, String field, Contact contact, boolean needsLocale) {
        if (contact == null) {
            violations.add(new Violation(field, "is required (name, email, locale)"));
            return;
        }
        text(violations, field + ".name", contact.name(), true);
        text(violations, field + ".title", contact.title(), false);
        if (contact.email() == null || !EMAIL.matcher(contact.email()).matches() || contact.email().length() > 254) {
            violations.add(new Violation(field + ".email", "must be an e-mail address"));
        }
        if (contact.locale() == null ? needsLocale : !LOCALE.matcher(contact.locale()).matches()) {
            violations.add(new Violation(field + ".locale", "is required as a language tag such as en-US or pl-PL"));
        }
    }

    private static void text(List<Violation> violations, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
        } else if (value.length() > MAX_TEXT) {
            violations.add(new Violation(field, "must be at most " + MAX_TEXT + " characters"));
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
