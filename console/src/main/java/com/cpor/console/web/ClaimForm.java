package com.cpor.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create form's fields, flat as the form posts them; {@link #toDetails()} nests them the way the claim API reads
 * them, and the API's field names ({@code customer.domain}) are the form's error keys.
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
