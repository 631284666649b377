package com.cpor.platform.security;

/** Role names as they appear in the token's {@code roles} claim (authorities are {@code ROLE_<name>}). */
public final class Roles {

    public static final String GLOBAL_ADMIN = "GLOBAL_ADMIN";
    public static final String BILLING_ADMIN = "BILLING_ADMIN";
    public static final String INCENTIVES_ADMIN = "INCENTIVES_ADMIN";
    public static final String INCENTIVES_USER = "INCENTIVES_USER";
    public static final String REVIEWER = "REVIEWER";
    public static final String REVIEW_LEAD = "REVIEW_LEAD";
    /** Platform staff: operators and support, who read consents and the notification log. */
    public static final String STAFF = "STAFF";

    /** SpEL for {@code @PreAuthorize}: partner users who may change claims. */
    public static final String PARTNER_WRITERS = "hasAnyRole('GLOBAL_ADMIN','BILLING_ADMIN','INCENTIVES_ADMIN')";
    /** SpEL for {@code @PreAuthorize}: every partner user. */
    public static final String PARTNER_READERS =
            "hasAnyRole('GLOBAL_ADMIN','BILLING_ADMIN','INCENTIVES_ADMIN','INCENTIVES_USER')";
    /** SpEL for {@code @PreAuthorize}: reviewers and review leads. */
    public static final String REVIEWERS = "hasAnyRole('REVIEWER','REVIEW_LEAD')";

    private Roles() {
    }
}
