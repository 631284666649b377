package com.cpor.claimservice.claim.application;

import com.cpor.events.ClaimStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the claim-lifecycle dashboard shows: claims per status ({@code cpor_claims}), transitions, time spent in
 * each status, eligibility hand-offs, competing claims, and deadlines falling due within the next day.
 */
@Component
public class ClaimMetrics {

    private static final Duration COUNT_CACHE = Duration.ofSeconds(10);
    /** The deadline kinds as the claim shows them in {@code deadlines}. */
    private static final List<String> DEADLINE_KINDS = List.of("reviewStartDueAt", "reviewDecisionDueAt",
            "partnerResponseDueAt", "consentWindowEndsAt", "disputeUntil", "disputeReviewDueAt");

    private final MeterRegistry meters;
    private final ClaimRepository claims;
    private final Clock clock;
    private volatile Counts counts = new Counts(new EnumMap<>(ClaimStatus.class), Map.of(), Instant.EPOCH);

    public ClaimMetrics(MeterRegistry meters, ClaimRepository claims, Clock clock) {
        this.meters = meters;
        this.claims = claims;
        this.clock = clock;
        for (ClaimStatus status : ClaimStatus.values()) {
            Gauge.builder("cpor.claims", () -> count(status))
                    .description("Claims in each status now")
                    .tag("status", status.name())
                    .register(meters);
        }
        for (String kind : DEADLINE_KINDS) {
            Gauge.builder("cpor.deadlines.due.next.day", () -> counts().deadlinesDueNextDay().getOrDefault(kind, 0L))
                    .description("Claims with this deadline in the next 24 hours")
                    .tag("kind", kind)
                    .register(meters);
        }
    }

    public void transition(ClaimStatus from, ClaimStatus to, Duration timeInFromStatus) {
        Counter.builder("cpor.claim.transitions").description("Claim status transitions")
                .tag("from", from.name()).tag("to", to.name()).register(meters).increment();
        if (timeInFromStatus != null) {
            Timer.builder("cpor.claim.time.in.status").description("Time a claim spent in a status before leaving it")
                    .tag("status", from.name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofSeconds(1))
                    .maximumExpectedValue(Duration.ofDays(60))
                    .register(meters)
                    // the database keeps microseconds (rounded), so a same-instant change may look a hair negative
                    .record(timeInFromStatus.isNegative() ? Duration.ZERO : timeInFromStatus);
        }
    }

    public void sentToEvaluation() {
        meters.counter("cpor.eligibility.handoffs").increment();
    }

    public void competingClaimsDetected() {
        meters.counter("cpor.competing.claims").increment();
    }

    private double count(ClaimStatus status) {
        return counts().byStatus().getOrDefault(status, 0L);
    }

    /** Two grouped queries per scrape interval at most, not one per gauge. */
    private Counts counts() {
        Instant now = clock.instant();
        Counts current = counts;
        if (Duration.between(current.countedAt(), now).abs().compareTo(COUNT_CACHE) > 0) {
            current = new Counts(claims.countByStatus(), claims.countDeadlinesDueBetween(now, now.plus(Duration.ofDays(1))),
                    now);
            counts = current;
        }
        return current;
    }

    private record Counts(Map<ClaimStatus, Long> byStatus, Map<String, Long> deadlinesDueNextDay, Instant countedAt) {
    }
}
