package com.cpor.claimservice.claim.domain;

import com.cpor.events.RejectionReason;

import java.time.Instant;

/** Why and when a claim was rejected; a final rejection can never be disputed. */
public record Rejection(RejectionReason reason, String comment, Instant at, boolean finalDecision) {
}
