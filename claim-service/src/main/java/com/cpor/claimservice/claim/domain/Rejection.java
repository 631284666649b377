package com.cpor.claimservice.claim.domain;

import com.cpor.events.RejectionReason;
import com.cpor.events.WithdrawalReason;

import java.time.Instant;

/**
 * Why and when a claim was rejected; a final rejection can never be disputed. A withdrawal (PARTNER_REQUEST) carries
 * the partner's {@code withdrawalReason} (null on claims withdrawn before reasons were codes) and, in {@code comment},
 * the partner's text.
 */
public record Rejection(RejectionReason reason, String comment, Instant at, boolean finalDecision,
                        WithdrawalReason withdrawalReason) {

    public Rejection(RejectionReason reason, String comment, Instant at, boolean finalDecision) {
        this(reason, comment, at, finalDecision, null);
    }
}
