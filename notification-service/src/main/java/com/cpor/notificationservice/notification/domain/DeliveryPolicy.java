package com.cpor.notificationservice.notification.domain;

import java.time.Duration;

/**
 * How often and how patiently a notification is tried: exponential back-off from {@code initialBackoff},
 * doubling up to {@code maxBackoff}; after {@code maxAttempts} failed attempts it is parked as FAILED.
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** @param failedAttempts attempts made so far, all failed (≥ 1) */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }

    /** Delay before the next attempt after {@code failedAttempts} failures: initial × 2^(n−1), capped. */
    public Duration backoffAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = initialBackoff.multipliedBy(1L << doublings);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
