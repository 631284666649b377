package com.cpor.console.web;

import java.util.List;
import java.util.Map;

/** The choices of the create form, as the claim API knows them (its ProductCatalogue decides). */
final class Catalogue {

    static final List<String> SOLUTION_AREAS = List.of("MICROSOFT_365", "BUSINESS_APPLICATIONS");
    static final List<String> ACTIVITIES = List.of("PRE_SALES", "USAGE", "REVENUE_ASSOCIATION");
    static final Map<String, List<String>> PRODUCTS = Map.of(
            "MICROSOFT_365", List.of("EXCHANGE_ONLINE", "SHAREPOINT_ONLINE", "ONEDRIVE", "TEAMS", "MICROSOFT_365_APPS",
                    "INTUNE", "ENTRA_ID_P1", "DEFENDER", "PURVIEW", "VIVA"),
            "BUSINESS_APPLICATIONS", List.of("DYNAMICS_365_SALES", "DYNAMICS_365_CUSTOMER_SERVICE",
                    "DYNAMICS_365_FIELD_SERVICE", "DYNAMICS_365_FINANCE", "DYNAMICS_365_SUPPLY_CHAIN", "POWER_APPS",
                    "POWER_AUTOMATE", "POWER_BI_PRO"));
    static final List<String> LOCALES = List.of("en-US", "zh-CN", "ru-RU", "pl-PL", "hu-HU");
    static final List<String> STATUSES = List.of("EDITING", "SUBMITTED", "IN_REVIEW", "PARTNER_ACTION_REQUIRED",
            "APPROVED", "REJECTED", "DISPUTED");
    static final List<String> PARTNER_ACTION_REASONS = List.of("MISSING_ALL_POE", "MISSING_CUSTOMER_ACKNOWLEDGEMENT",
            "MISSING_OR_OUTDATED_DATES", "MISSING_PARTNER_SOLUTION_OR_SERVICE", "MISSING_PRODUCTS");
    static final List<String> REJECTION_REASONS = List.of("INSUFFICIENT_POE", "MISSING_CUSTOMER_CONSENT_ON_POE",
            "MISSING_PRODUCTS", "POE_UNAVAILABLE");

    private Catalogue() {
    }
}
