package com.cpor.claimservice.claim.domain;

import com.cpor.events.SolutionArea;

import java.util.List;
import java.util.Map;

/** The product codes a claim may name, per solution area (§2). */
public final class ProductCatalogue {

    private static final Map<SolutionArea, List<String>> CODES = Map.of(
            SolutionArea.MICROSOFT_365, List.of("EXCHANGE_ONLINE", "SHAREPOINT_ONLINE", "ONEDRIVE", "TEAMS",
                    "MICROSOFT_365_APPS", "INTUNE", "ENTRA_ID_P1", "DEFENDER", "PURVIEW", "VIVA"),
            SolutionArea.BUSINESS_APPLICATIONS, List.of("DYNAMICS_365_SALES", "DYNAMICS_365_CUSTOMER_SERVICE",
                    "DYNAMICS_365_FIELD_SERVICE", "DYNAMICS_365_FINANCE", "DYNAMICS_365_SUPPLY_CHAIN", "POWER_APPS",
                    "POWER_AUTOMATE", "POWER_BI_PRO"));

    private ProductCatalogue() {
    }

    public static List<String> codesOf(SolutionArea area) {
        return CODES.get(area);
    }

    public static boolean contains(SolutionArea area, String code) {
        return CODES.get(area).contains(code);
    }

    /** Business Applications products are claimed per subscription, Microsoft 365 workloads per tenant. */
    public static boolean needsSubscription(SolutionArea area) {
        return area == SolutionArea.BUSINESS_APPLICATIONS;
    }
}
