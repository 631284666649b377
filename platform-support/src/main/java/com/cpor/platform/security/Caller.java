package com.cpor.platform.security;

import com.cpor.events.Actor;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Set;

/**
 * The authenticated user of a request, from the access token: {@code sub}, {@code name}, {@code email},
 * {@code roles} and, for partner users, {@code partner_ids}. Declare it as a controller method parameter.
 */
public record Caller(String subject, String name, String email, Set<String> roles, Set<String> partnerIds) {

    public static Caller of(Jwt jwt) {
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("name"), jwt.getClaimAsString("email"),
                Set.copyOf(listClaim(jwt, "roles")), Set.copyOf(listClaim(jwt, "partner_ids")));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean actsFor(String partnerId) {
        return partnerId != null && partnerIds.contains(partnerId);
    }

    public boolean isReviewer() {
        return hasRole(Roles.REVIEWER) || hasRole(Roles.REVIEW_LEAD);
    }

    public Actor asActor(Actor.ActorKind kind) {
        return new Actor(subject, name, email, kind);
    }

    private static List<String> listClaim(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }
}
