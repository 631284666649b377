package com.cpor.reviewservice.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cpor.review.policy.*}: the review deadlines of a deployment, in business days ({@code 5bd}) or as
 * ISO-8601 durations ({@code P7D}, {@code PT2M} for a local stack or a test).
 *
 * @param reviewStart             from submission (or resubmission) to the start of the review; breach escalates
 * @param reviewDecision          from the start of the review to a decision; breach escalates
 * @param partnerResponse         the partner's time to resubmit; then the claim is rejected NO_PARTNER_RESPONSE
 * @param partnerResponseReminder how long before the partner-response deadline the partner is reminded
 * @param disputeReview           from a dispute to its decision; breach escalates
 * @param decisionTarget          overall target from submission to a decision, not counting the time in
 *                                PARTNER_ACTION_REQUIRED (§8); breach escalates
 */
@ConfigurationProperties("cpor.review.policy")
public record ReviewPolicyProperties(
        @DefaultValue("5bd") String reviewStart,
        @DefaultValue("5bd") String reviewDecision,
        @DefaultValue("5bd") String partnerResponse,
        @DefaultValue("1bd") String partnerResponseReminder,
        @DefaultValue("5bd") String disputeReview,
        @DefaultValue("10bd") String decisionTarget) {
}
