package com.cpor.reliability;

import java.time.Duration;
import java.time.Instant;

/**
 * One claim of the campaign as the users experienced it: acknowledged (201) or not, whether the customer's
 * decline was acknowledged by the consent page, and whether it reached its final state in time.
 */
final class ClaimRun {

    final Ending ending;
    final String customerEmail;
    final String partnerEmail;
    /** a claim submitted right after a fault to time the recovery: checked, never counted toward the suite's claims */
    final boolean canary;
    volatile String claimId;
    volatile Instant acknowledgedAt;
    volatile boolean declineAcknowledged;
    /** when the consent page refused the customer's decline (409/410), and with what status; null if it did not */
    volatile Instant declineRefusedAt;
    volatile int declineRefusal;
    volatile Instant finishedAt;
    volatile String failure;
    volatile int unacknowledgedCreates;

    ClaimRun(Ending ending, String customerEmail, String partnerEmail, boolean canary) {
        this.ending = ending;
        this.customerEmail = customerEmail;
        this.partnerEmail = partnerEmail;
        this.canary = canary;
    }

    boolean acknowledged() {
        return claimId != null;
    }

    boolean finished() {
        return finishedAt != null || failure != null;
    }

    Duration duration() {
        return acknowledgedAt == null || finishedAt == null ? null : Duration.between(acknowledgedAt, finishedAt);
    }

    @Override
    public String toString() {
        return (canary ? "canary " : "") + ending + " " + claimId + (failure == null ? "" : " FAILED: " + failure);
    }
}
