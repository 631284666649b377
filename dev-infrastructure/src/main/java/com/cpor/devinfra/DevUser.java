package com.cpor.devinfra;

import java.util.List;

/**
 * Sample users of the development identity provider: two partners (an admin and a read-only user of the
 * first, an admin of the second), a reviewer, a review lead, and a staff operator.
 */
public enum DevUser {

    PARTNER_ADMIN("partner-admin", "Piotr Nowak", "piotr@partner-one.example", List.of("INCENTIVES_ADMIN"), List.of("1234567")),
    PARTNER_READER("partner-reader", "Olga Kowalczyk", "olga@partner-one.example", List.of("INCENTIVES_USER"), List.of("1234567")),
    OTHER_PARTNER_ADMIN("other-partner-admin", "Li Wei", "li.wei@partner-two.example", List.of("GLOBAL_ADMIN"), List.of("7654321")),
    REVIEWER("reviewer", "Réka Szabó", "reka@reviews.example", List.of("REVIEWER"), List.of()),
    SECOND_REVIEWER("reviewer-2", "Ivan Petrov", "ivan@reviews.example", List.of("REVIEWER"), List.of()),
    REVIEW_LEAD("review-lead", "Maria Lopez", "maria@reviews.example", List.of("REVIEW_LEAD"), List.of()),
    STAFF("staff", "Sam Operator", "ops@cpor.example", List.of("STAFF"), List.of());

    private final String subject;
    private final String displayName;
    private final String email;
    private final List<String> roles;
    private final List<String> partnerIds;

    DevUser(String subject, String displayName, String email, List<String> roles, List<String> partnerIds) {
        this.subject = subject;
        this.displayName = displayName;
        this.email = email;
        this.roles = roles;
        this.partnerIds = partnerIds;
    }

    public String subject() {
        return subject;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    public List<String> roles() {
        return roles;
    }

    public List<String> partnerIds() {
        return partnerIds;
    }

    public static DevUser bySubject(String subject) {
        for (DevUser user : values()) {
            if (user.subject.equals(subject)) {
                return user;
            }
        }
        throw new IllegalArgumentException("No dev user " + subject);
    }
}
