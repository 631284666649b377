package com.cpor.apiclient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A valid claim as a partner creates it (POST /api/v1/claims): a Microsoft 365 usage claim of partner 1234567 for
 * Contoso on a fresh tenant, Teams and Exchange Online, the customer's declared domain that of the customer contact's
 * e-mail. Each setter changes one field for a test that needs it otherwise; {@link #toMap} is the JSON body.
 */
public final class ClaimBody {

    private String name = "Contoso — Teams and Exchange usage";
    private String partnerId = ClaimFixtures.PARTNER;
    private String tenantId = UUID.randomUUID().toString();
    private String customerDomain = "contoso.onmicrosoft.com";
    private String customerName = "Contoso Ltd";
    /** null: the domain of the customer contact's e-mail. */
    private List<String> declaredDomains;
    private boolean declaresDomains = true;
    private List<String> products = List.of("TEAMS", "EXCHANGE_ONLINE");
    private String customerEmail = "anna@contoso.example";
    private String customerLocale = "en-US";
    private String partnerEmail = "piotr@partner-one.example";

    private ClaimBody() {
    }

    public static ClaimBody valid() {
        return new ClaimBody();
    }

    public ClaimBody name(String value) {
        name = value;
        return this;
    }

    public ClaimBody partnerId(String value) {
        partnerId = value;
        return this;
    }

    public ClaimBody tenantId(String value) {
        tenantId = value;
        return this;
    }

    /** The customer's tenant domain and name. */
    public ClaimBody customer(String domain, String customerName) {
        this.customerDomain = domain;
        this.customerName = customerName;
        return this;
    }

    public ClaimBody declaredDomains(List<String> domains) {
        declaredDomains = domains;
        declaresDomains = true;
        return this;
    }

    /** A claim without the customer's declared domains (the field is optional). */
    public ClaimBody noDeclaredDomains() {
        declaresDomains = false;
        return this;
    }

    /** The product codes claimed. */
    public ClaimBody products(String... codes) {
        products = List.of(codes);
        return this;
    }

    public ClaimBody customerEmail(String email) {
        customerEmail = email;
        return this;
    }

    public ClaimBody customerLocale(String locale) {
        customerLocale = locale;
        return this;
    }

    public ClaimBody partnerEmail(String email) {
        partnerEmail = email;
        return this;
    }

    /** The JSON body (an unmodifiable map; copy it to change a field the setters do not cover). */
    public Map<String, Object> toMap() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("tenantId", tenantId);
        customer.put("domain", customerDomain);
        customer.put("name", customerName);
        if (declaresDomains) {
            customer.put("declaredDomains", declaredDomains != null ? declaredDomains
                    : List.of(customerEmail.substring(customerEmail.indexOf('@') + 1)));
        }
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("name", name);
        claim.put("partnerId", partnerId);
        claim.put("solutionArea", "MICROSOFT_365");
        claim.put("activity", "USAGE");
        claim.put("customer", Map.copyOf(customer));
        claim.put("products", products.stream().map(code -> Map.of("code", code)).toList());
        claim.put("customerContact", Map.of("name", "Anna Kowalska", "title", "CIO", "email", customerEmail,
                "locale", customerLocale));
        claim.put("partnerContact", Map.of("name", "Piotr Nowak", "email", partnerEmail, "locale", "en-US"));
        return Map.copyOf(claim);
    }
}
