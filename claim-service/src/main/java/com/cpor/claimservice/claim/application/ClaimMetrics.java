package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.persistence.ClaimRepository;
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
import java.util.Map;

/**
 * What the claim-lifecycle dashboard shows: claims per status ({@code cpor_claims}), transitions, time spent in
 * each status, eligibility hand-offs and competing claims.
 */
@Component
public class ClaimMetrics {

    private static final Duration COUNT_CACHE = Duration.ofSeconds(10);

    private final MeterRegistry meters;
    private final ClaimRepository claims;
    private final Clock clock;
    private volatile Map<ClaimStatus, Long> counts = new EnumMap<>(ClaimStatus.class);
    private volatile Instant countedAt = Instant.EPOCH;

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

    /** One grouped query per scrape interval at most, not one per status. */
    private double count(ClaimStatus status) {
        Instant now = clock.instant();
        if (Duration.between(countedAt, now).abs().compareTo(COUNT_CACHE) > 0) {
            counts = claims.countByStatus();
            countedAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }
}
