package com.cpor.benchmarks;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimBody;
import com.cpor.apiclient.ClaimFixtures;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A partner's intake of one claim through claim-service's REST API: create, upload the proof of execution, submit.
 * Every request's latency is recorded in microseconds; the create is measured from the claim's intended start.
 */
final class Intake {

    /** The shared PoE (a minimal but real PDF), copied once: the load generator uploads it for every claim. */
    static final byte[] POE_PDF = ClaimFixtures.pdf();
    private static final long MAX_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

    /** One claim's whole intake, for the latency-over-time chart. */
    record Sample(long intendedNanos, long latencyMicros, boolean ok) {
    }

    private final String claimsUrl;
    private final ApiClient partner;
    private final AtomicLong sequence = new AtomicLong();
    final Recorder httpLatency = new Recorder(MAX_MICROS, 3);
    final Recorder claimLatency = new Recorder(MAX_MICROS, 3);
    final Map<String, Recorder> byOperation = Map.of(
            "create", new Recorder(MAX_MICROS, 3), "upload", new Recorder(MAX_MICROS, 3),
            "submit", new Recorder(MAX_MICROS, 3));
    final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    final Set<String> submittedClaims = ConcurrentHashMap.newKeySet();
    final Map<String, String> customerEmailByClaim = new ConcurrentHashMap<>();
    final AtomicLong failures = new AtomicLong();
    final ConcurrentHashMap<Integer, AtomicLong> failureStatuses = new ConcurrentHashMap<>();
    /** The first few failure answers, to say what went wrong. */
    final ConcurrentLinkedQueue<String> failureExamples = new ConcurrentLinkedQueue<>();

    Intake(String claimServiceUrl, String partnerToken) {
        this.claimsUrl = claimServiceUrl + "/api/v1/claims";
        this.partner = BenchmarkRun.API.as(partnerToken);
    }

    /** Creates, uploads and submits one claim; returns its id, or null when a request failed. */
    String submitOne(long intendedStartNanos) {
        long n = sequence.incrementAndGet();
        String customerEmail = "customer-" + n + "-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.example";
        ApiResponse created = partner.post(claimsUrl, newClaim(customerEmail));
        long afterCreate = record("create", intendedStartNanos);
        if (created.status() != 201) {
            return fail(created, intendedStartNanos);
        }
        String id = created.json().get("id").asString();
        ApiResponse uploaded = partner.upload(claimsUrl + "/" + id + "/documents", "poe.pdf", "application/pdf", POE_PDF);
        long afterUpload = record("upload", afterCreate);
        if (uploaded.status() != 201) {
            return fail(uploaded, intendedStartNanos);
        }
        ApiResponse submitted = partner.post(claimsUrl + "/" + id + "/submit", Map.of());
        record("submit", afterUpload);
        if (submitted.status() != 200) {
            return fail(submitted, intendedStartNanos);
        }
        long total = micros(System.nanoTime() - intendedStartNanos);
        claimLatency.recordValue(total);
        samples.add(new Sample(intendedStartNanos, total, true));
        submittedClaims.add(id);
        customerEmailByClaim.put(id, customerEmail);
        return id;
    }

    private long record(String operation, long startNanos) {
        long now = System.nanoTime();
        long latency = micros(now - startNanos);
        httpLatency.recordValue(latency);
        byOperation.get(operation).recordValue(latency);
        return now;
    }

    private String fail(ApiResponse response, long intendedStartNanos) {
        failures.incrementAndGet();
        failureStatuses.computeIfAbsent(response.status(), ignored -> new AtomicLong()).incrementAndGet();
        if (failureExamples.size() < 3) {
            String body = response.body() == null ? "" : response.body();
            failureExamples.add(response.status() + ": " + body.substring(0, Math.min(200, body.length())));
        }
        long total = micros(System.nanoTime() - intendedStartNanos);
        claimLatency.recordValue(total);
        samples.add(new Sample(intendedStartNanos, total, false));
        return null;
    }

    private static long micros(long nanos) {
        return Math.min(MAX_MICROS, Math.max(1, nanos / 1000));
    }

    /** The shared valid claim (api-client ClaimBody); the customer declares the e-mail's domain, bench.example. */
    static Map<String, Object> newClaim(String customerEmail) {
        return ClaimBody.valid().customerEmail(customerEmail).toMap();
    }

    /** Percentiles of an interval histogram in milliseconds. */
    record Percentiles(long count, double p50, double p99, double p999, double max) {

        static Percentiles of(Histogram histogram) {
            return new Percentiles(histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                    histogram.getMaxValue() / 1000.0);
        }
    }
}
