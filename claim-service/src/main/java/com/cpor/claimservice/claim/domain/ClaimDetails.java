package com.cpor.claimservice.claim.domain;

import com.cpor.events.Activity;
import com.cpor.events.Program;
import com.cpor.events.SolutionArea;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields a partner fills in (§2). Everything else on a claim is kept by the platform. */
public record ClaimDetails(
        String name,
        String partnerId,
        SolutionArea solutionArea,
        Activity activity,
        Customer customer,
        List<Product> products,
        Contact customerContact,
        Contact customerTechnicalContact,
        Contact partnerContact,
        String solutionSellerName,
        String isvSolutionName) {

    /** Every field a partner can set, by its JSON name. */
    public static final Set<String> FIELDS = Set.of("name", "partnerId", "solutionArea", "activity", "customer",
            "products", "customerContact", "customerTechnicalContact", "partnerContact", "solutionSellerName",
            "isvSolutionName");

    /** The fields that stay editable after submission (§3 "Editing"). */
    public static final Set<String> EDITABLE_AFTER_SUBMIT = Set.of("partnerId", "products", "customerContact",
            "customerTechnicalContact", "partnerContact");

    public ClaimDetails {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** @return the incentive program, or null for revenue association (recognition only) */
    public Program program() {
        return solutionArea == null || activity == null ? null : Program.of(solutionArea, activity);
    }

    public List<String> exclusivityKeys() {
        return products.stream().map(Product::exclusivityKey).distinct().toList();
    }

    /** Field values by JSON name, in declaration order (for before/after in the history). */
    public Map<String, Object> byField() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("partnerId", partnerId);
        values.put("solutionArea", solutionArea);
        values.put("activity", activity);
        values.put("customer", customer);
        values.put("products", products);
        values.put("customerContact", customerContact);
        values.put("customerTechnicalContact", customerTechnicalContact);
        values.put("partnerContact", partnerContact);
        values.put("solutionSellerName", solutionSellerName);
        values.put("isvSolutionName", isvSolutionName);
        return values;
    }
}
