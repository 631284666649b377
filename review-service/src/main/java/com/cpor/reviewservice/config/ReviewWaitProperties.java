package com.cpor.reviewservice.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code cpor.review.wait.*}: how long a reviewer's {@code GET /api/v1/reviews/{claimId}} with
 * {@code Prefer: wait=<seconds>} (RFC 7240) may wait for a review that does not exist yet.
 *
 * @param maxWait         the longest wait granted, whatever the client asks (and never beyond its token's expiry)
 * @param maxWaiters      requests waiting at once in one instance; beyond, a request is answered at once as without
 *                        the preference
 * @param recheckInterval how often one query looks for the reviews being waited for, for reviews another instance
 *                        created (no in-process signal reaches this one); {@code 0} turns it off (then only the end of
 *                        each wait checks again)
 */
@ConfigurationProperties("cpor.review.wait")
public record ReviewWaitProperties(
        @DefaultValue("20s") Duration maxWait,
        @DefaultValue("500") int maxWaiters,
        @DefaultValue("1s") Duration recheckInterval) {

    public ReviewWaitProperties {
        if (maxWait.isNegative() || maxWaiters < 0 || recheckInterval.isNegative()) {
            throw new IllegalArgumentException("cpor.review.wait: max-wait, max-waiters and recheck-interval must not be "
                    + "negative");
        }
    }
}
