package com.cpor.console.web;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.List;
import java.util.Set;

/**
 * The signed-in user as the ID token describes them: what the navigation and the offered actions depend on.
 * The APIs still decide what the user may read and do.
 */
public record Me(String subject, String name, List<String> roles, List<String> partnerIds) {

    private static final Set<String> PARTNER_WRITERS = Set.of("GLOBAL_ADMIN", "BILLING_ADMIN", "INCENTIVES_ADMIN");

    static Me of(OidcUser user) {
        List<String> roles = user.getClaimAsStringList("roles");
        List<String> partnerIds = user.getClaimAsStringList("partner_ids");
        return new Me(user.getSubject(), user.getFullName() != null ? user.getFullName() : user.getSubject(),
                roles == null ? List.of() : roles, partnerIds == null ? List.of() : partnerIds);
    }

    public boolean partner() {
        return roles.stream().anyMatch(role -> PARTNER_WRITERS.contains(role) || role.equals("INCENTIVES_USER"));
    }

    /** May change claims (the read-only partner role sees the same pages without the actions). */
    public boolean partnerWriter() {
        return roles.stream().anyMatch(PARTNER_WRITERS::contains);
    }

    public boolean reviewer() {
        return roles.contains("REVIEWER") || roles.contains("REVIEW_LEAD");
    }

    public boolean reviewLead() {
        return roles.contains("REVIEW_LEAD");
    }
}
