package com.cpor.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of the create and edit forms, flat as the forms post them; {@link #toDetails()} nests them the way the
 * claim API reads them, and the API's field names ({@code customer.domain}) are the forms' error keys.
 */
public record ClaimForm(String name, String partnerId, String solutionArea, String activity,
                        String customerTenantId, String customerDomain, String customerName, List<String> products,
                        String customerContactName, String customerContactTitle, String customerContactEmail,
                        String customerContactLocale, String partnerContactName, String partnerContactEmail,
                        String partnerContactLocale) {

    public static ClaimForm empty(String partnerId) {
        return new ClaimForm("", partnerId, "MICROSOFT_365", "USAGE", "", "", "", List.of(), "", "", "", "en-US",
                "", "", "en-US");
    }

    /**
     * The fields a partner may change in a status, by the claim API's names (spec §3 "Editing": every field while
     * EDITING; after submission the MPN ID, products and contacts). The edit form locks the others; the API decides.
     */
    static final Set<String> EDITABLE_AFTER_SUBMIT = Set.of("partnerId", "products", "customerContact",
            "customerTechnicalContact", "partnerContact");
    private static final Set<String> ALL_FIELDS = Set.of("name", "partnerId", "solutionArea", "activity", "customer",
            "products", "customerContact", "customerTechnicalContact", "partnerContact", "solutionSellerName",
            "isvSolutionName");

    /** The fields the edit form shows but does not let the user change in this status. */
    static Set<String> lockedIn(Object status) {
        if ("EDITING".equals(status)) {
            return Set.of();
        }
        Set<String> locked = new java.util.TreeSet<>(ALL_FIELDS);
        locked.removeAll(EDITABLE_AFTER_SUBMIT);
        return locked;
    }

    /** The edit form filled in with a claim as the claim API returns it. */
    @SuppressWarnings("unchecked")
    static ClaimForm of(Map<String, Object> claim) {
        Map<String, Object> customer = map(claim.get("customer"));
        Map<String, Object> customerContact = map(claim.get("customerContact"));
        Map<String, Object> partnerContact = map(claim.get("partnerContact"));
        List<Map<String, Object>> products = claim.get("products") instanceof List<?> list
                ? (List<Map<String, Object>>) list : List.of();
        return new ClaimForm(text(claim.get("name")), text(claim.get("partnerId")), text(claim.get("solutionArea")),
                text(claim.get("activity")), text(customer.get("tenantId")), text(customer.get("domain")),
                text(customer.get("name")), products.stream().map(p -> text(p.get("code"))).toList(),
                text(customerContact.get("name")), text(customerContact.get("title")), text(customerContact.get("email")),
                localeOr(customerContact.get("locale")), text(partnerContact.get("name")),
                text(partnerContact.get("email")), localeOr(partnerContact.get("locale")));
    }

    /**
     * A JSON merge patch of the fields that are not locked, for a claim as the API returned it: a cleared input
     * removes its value, what the form does not show stays (contact time zones, the customer's further domains,
     * the subscription a kept product names).
     */
    Map<String, Object> toPatch(Map<String, Object> current) {
        Set<String> locked = lockedIn(current.get("status"));
        Map<String, Object> patch = new LinkedHashMap<>();
        toDetails().forEach((field, value) -> {
            if (!locked.contains(field)) {
                patch.put(field, value);
            }
        });
        if (patch.containsKey("products") && current.get("products") instanceof List<?> kept) {
            Map<String, Object> subscriptions = new LinkedHashMap<>();
            kept.forEach(p -> {
                Map<String, Object> product = map(p);
                if (product.get("subscriptionId") != null) {
                    subscriptions.put(text(product.get("code")), product.get("subscriptionId"));
                }
            });
            patch.put("products", (products == null ? List.<String>of() : products).stream().map(code -> {
                Map<String, Object> product = new LinkedHashMap<>();
                product.put("code", code);
                if (subscriptions.containsKey(code)) {
                    product.put("subscriptionId", subscriptions.get(code));
                }
                return product;
            }).toList());
        }
        return patch;
    }

    public boolean hasProduct(String code) {
        return products != null && products.contains(code);
    }

    Map<String, Object> toDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", blankToNull(name));
        details.put("partnerId", blankToNull(partnerId));
        details.put("solutionArea", blankToNull(solutionArea));
        details.put("activity", blankToNull(activity));
        details.put("customer", object("tenantId", customerTenantId, "domain", customerDomain, "name", customerName));
        details.put("products", products == null ? List.of()
                : products.stream().map(code -> Map.of("code", code)).toList());
        details.put("customerContact", object("name", customerContactName, "title", customerContactTitle,
                "email", customerContactEmail, "locale", customerContactLocale));
        details.put("partnerContact", object("name", partnerContactName, "email", partnerContactEmail,
                "locale", partnerContactLocale));
        return details;
    }

    private static Map<String, Object> object(String... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put(namesAndValues[i], blankToNull(namesAndValues[i + 1]));
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String localeOr(Object locale) {
        return locale == null || locale.toString().isBlank() ? "en-US" : locale.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
