package com.cpor.console.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;
import java.util.List;

/**
 * {@code cpor.console.*}: where the services' APIs are and how times are shown.
 *
 * @param claimServiceUrl  base URL of claim-service (the console calls {@code /api/v1/claims} there)
 * @param reviewServiceUrl base URL of review-service ({@code /api/v1/reviews})
 * @param defaultTimeZone  zone of times on the pages until the browser has told its own
 * @param reviewers        the reviewers a review lead can hand a review to (the identity provider's reviewers:
 *                         the local stack lists its sample users); empty: the lead types the reviewer's user ID
 */
@ConfigurationProperties("cpor.console")
public record ConsoleProperties(
        @DefaultValue("http://localhost:8081") String claimServiceUrl,
        @DefaultValue("http://localhost:8082") String reviewServiceUrl,
        @DefaultValue("UTC") ZoneId defaultTimeZone,
        @DefaultValue List<Reviewer> reviewers) {

    /** A reviewer as review-service's reassign takes them: user ID (the token's sub), name and e-mail. */
    public record Reviewer(String id, String name, String email) {
    }
}
