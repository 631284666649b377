package com.cpor.benchmarks;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevUser;
import com.cpor.localstack.Platform;
import com.cpor.localstack.ServiceProcess;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole claim lifecycle, end to end, as issue 13 defines it: a partner creates a claim, uploads a PoE and submits;
 * a reviewer waits for the review to appear, starts and approves it; a short consent window elapses; claim-service
 * hands the claim off ({@code AssociationReadyForEvaluation} read back from Kafka). Closed loop with W workers (each a
 * partner, then the reviewer of its own claim) and, optionally, an open loop at a fixed rate. Reports lifecycles/s,
 * latency of every request and asynchronous hop, CPU core-ms, commits, rollbacks and Kafka records per lifecycle, the
 * idle cost, and checks that every claim was handed off exactly once.
 */
public final class LifecycleRun {

    /** The production image's flags (deploy/docker/Dockerfile) under the Kubernetes memory limit of 768 MiB. */
    static final String PRODUCTION_JVM = "-XX:MaxRAM=768m -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 "
            + "-XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Dfile.encoding=UTF-8";
    static final String CONSENT_WINDOW = "PT2S";
    private static final long MAX_MICROS = Duration.ofMinutes(2).toNanos() / 1000;
    private static final List<String> REQUESTS = List.of("create", "upload", "submit", "review GET", "start",
            "approve");
    private static final List<String> HOPS = List.of("submit → review visible (reviewer's GET)",
            "submit → ReviewQueued (events)", "approve → APPROVED (`review.approved` → `claim.status-changed` APPROVED)",
            "window end → hand-off (`windowEndedAt` → `association.ready-for-evaluation`)",
            "window end → hand-off read from Kafka", "approve answered → hand-off read (whole tail, incl. the 2 s window)",
            "approve → ConsentRequested (`review.approved` → `consent.requested`)",
            "ConsentRequested → consent notice sent (`consent.requested` → `notification.delivered`)",
            "consent notice sent → window end (the window itself)");

    record Settings(String jvm, String jvmOptions, int workers, int lifecycles, int warmUp, double openRate,
                    Duration openFor, Duration idleFor, Duration idleSettle, long pollMillis, int reviewWaitSeconds,
                    boolean jfr) {

        static Settings fromSystemProperties() {
            String jvm = System.getProperty("benchmark.jvm", "production");
            String options = switch (jvm) {
                case "production" -> PRODUCTION_JVM;
                case "local-stack" -> String.join(" ", ServiceProcess.DEFAULT_JVM_OPTIONS);
                default -> jvm;
            };
            return new Settings(jvm.equals("production") || jvm.equals("local-stack") ? jvm : "custom", options,
                    Integer.getInteger("benchmark.workers", 8), Integer.getInteger("benchmark.lifecycles", 300),
                    Integer.getInteger("benchmark.warmup", 100),
                    Double.parseDouble(System.getProperty("benchmark.rate", "0")),
                    Duration.ofSeconds(Integer.getInteger("benchmark.open-seconds", 30)),
                    Duration.ofSeconds(Integer.getInteger("benchmark.idle-seconds", 30)),
                    Duration.ofSeconds(Integer.getInteger("benchmark.idle-settle-seconds", 200)),
                    Integer.getInteger("benchmark.poll-ms", 50), Integer.getInteger("benchmark.review-wait", 20),
                    Boolean.getBoolean("benchmark.jfr"));
        }
    }

    /** One phase's measurements. */
    private static final class Phase {
        final String name;
        final Map<String, Recorder> requests = new LinkedHashMap<>();
        final Recorder reviewVisible = new Recorder(MAX_MICROS, 3);
        final Set<String> completed = ConcurrentHashMap.newKeySet();
        final Map<String, Instant> approvedAnsweredAt = new ConcurrentHashMap<>();
        final Map<String, Instant> submittedAt = new ConcurrentHashMap<>();
        final AtomicLong reviewGets = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final ConcurrentLinkedQueue<String> failureExamples = new ConcurrentLinkedQueue<>();
        long startNanos;
        Instant start;
        Instant lastApproved;
        Instant lastHandOff;
        LifecycleMeters.Delta delta;
        long lagAtEnd = -1;
        long lagAfter = -1;

        Phase(String name) {
            this.name = name;
            REQUESTS.forEach(request -> requests.put(request, new Recorder(MAX_MICROS, 3)));
        }
    }

    private final Settings settings;
    private final Path output;
    private final BenchmarkRun.Report report = new BenchmarkRun.Report();
    private Platform platform;
    private LifecycleTap tap;
    private LifecycleMeters meters;
    private ApiClient partner;
    private ApiClient reviewer;
    private String claims;
    private String reviews;
    private final AtomicLong sequence = new AtomicLong();

    private LifecycleRun(Settings settings, Path output) {
        this.settings = settings;
        this.output = output;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        Settings settings = Settings.fromSystemProperties();
        Path home = Path.of(System.getProperty("cpor.home", ".")).toAbsolutePath().normalize();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path output = home.resolve("benchmarks/results").resolve(stamp + "-lifecycle");
        Files.createDirectories(output);
        LifecycleRun run = new LifecycleRun(settings, output);
        long started = System.nanoTime();
        try {
            run.execute(home);
        } finally {
            run.report.line("");
            run.report.line("Whole run: %.1f min.", (System.nanoTime() - started) / 6e10);
            Files.writeString(output.resolve("report.md"), run.report.text());
            System.out.println("Report: " + output.resolve("report.md"));
            run.close();
        }
        System.exit(0);
    }

    private void execute(Path home) throws Exception {
        Machine machine = Machine.describe();
        double loadAtStart = Machine.loadAverage();
        System.setProperty(ServiceProcess.JVM_OPTIONS_PROPERTY, settings.jvmOptions());
        long t0 = System.nanoTime();
        platform = Platform.start(new Platform.Settings(home, null, Platform.Ports.free(), Map.of(
                "*", Map.of("cpor.security.rate-limit.enabled", "false"),
                "consent-service", Map.of("cpor.consent.policy.window", CONSENT_WINDOW))));
        double startUp = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> pids = new LinkedHashMap<>();
        Platform.SERVICES.forEach(service -> pids.put(service, pidOf(service)));
        meters = new LifecycleMeters(platform, pids, postgresDataDirectory());
        tap = new LifecycleTap(platform.kafkaBootstrapServers());
        partner = BenchmarkRun.API.as(platform.identity().tokenFor(DevUser.PARTNER_ADMIN));
        reviewer = BenchmarkRun.API.as(platform.identity().tokenFor(DevUser.REVIEWER));
        claims = platform.service("claim-service").baseUrl() + "/api/v1/claims";
        reviews = platform.service("review-service").baseUrl() + "/api/v1/reviews";

        Phase warmUp = closedLoop("warm-up", settings.warmUp(), null);
        System.out.printf("warm-up: %d lifecycles complete%n", warmUp.completed.size());
        BenchmarkRun.sleep(Duration.ofSeconds(3));
        Idle idle = idle(settings.idleFor());
        Profiler profiler = settings.jfr() ? new Profiler(pids, output, "lifecycle") : null;
        Phase closed = closedLoop("closed loop", settings.lifecycles(), profiler);
        List<String> profile = profiler == null ? List.of() : profiler.stopAndSummarise(20);
        Phase open = settings.openRate() > 0 ? openLoop() : null;

        report.title("Lifecycle benchmark — " + output.getFileName());
        report.line("Command: `./mvnw -B -ntp -Pbenchmarks -pl benchmarks -am -DskipTests package "
                + "-Dbenchmark.suite=lifecycle -Dbenchmark.jvm=%s -Dbenchmark.workers=%d -Dbenchmark.lifecycles=%d "
                + "-Dbenchmark.warmup=%d%s -Dbenchmark.idle-seconds=%d -Dbenchmark.idle-settle-seconds=%d%s`",
                settings.jvm(), settings.workers(), settings.lifecycles(), settings.warmUp(),
                settings.openRate() > 0 ? String.format(" -Dbenchmark.rate=%s -Dbenchmark.open-seconds=%d",
                        trim(settings.openRate()), settings.openFor().toSeconds()) : "",
                settings.idleFor().toSeconds(), settings.idleSettle().toSeconds(),
                settings.jfr() ? " -Dbenchmark.jfr=true" : "");
        report.section("Machine and set-up");
        report.line("- CPUs: %d (%s); memory %,d MiB; JDK running everything: %s", machine.cpus(), machine.cpuModel(),
                machine.memoryMiB(), machine.jdk());
        report.line("- Load average (1 min) at the start: %.2f, at the end: %.2f; other JVMs on the machine: %d",
                loadAtStart, Machine.loadAverage(), Math.max(0, Machine.foreignJvms() - 1));
        report.line("- Service JVMs (`%s`): `%s`%s", settings.jvm(), settings.jvmOptions(), settings.jvm().equals("production")
                ? " — the flags of deploy/docker/Dockerfile, with `-XX:MaxRAM=768m` standing for the Kubernetes memory "
                + "limit (deploy/k8s/service-template) the percentages apply to; the image runs a Temurin 21 JRE, here "
                + "the JDK above runs them" : "");
        report.line("- Local stack's own start-up flags, for comparison: `%s` (C1 only)",
                String.join(" ", ServiceProcess.DEFAULT_JVM_OPTIONS));
        report.line("- Infrastructure: embedded Kafka (KRaft, one broker), dev identity provider and GreenMail in the "
                + "benchmark JVM; zonky PostgreSQL 14 (`fsync=off`, throw-away) as child processes. Consent window %s; "
                + "per-partner write rate limit off. Whole stack started in %.1f s.", CONSENT_WINDOW, startUp);
        report.line("- Sizes: warm-up %d lifecycles (closed loop, not measured), idle %d s (after %d s to settle), "
                + "closed loop **%d lifecycles with W = %d workers**%s. The reviewer asks for "
                + "`GET /api/v1/reviews/{id}`%s and asks again every %d ms after a 404 until the review appears.",
                settings.warmUp(), settings.idleFor().toSeconds(), settings.idleSettle().toSeconds(),
                settings.lifecycles(), settings.workers(), open == null ? ""
                        : String.format("; open loop %s lifecycles/s for %d s", trim(settings.openRate()),
                        settings.openFor().toSeconds()), settings.reviewWaitSeconds() > 0 ? String.format(
                        " with `Prefer: wait=%d` (the service holds it until the review exists)",
                        settings.reviewWaitSeconds()) : "", settings.pollMillis());

        summaryTable(closed, idle);
        phaseReport(closed, idle.counters());
        if (open != null) {
            phaseReport(open, idle.counters());
        }
        idleReport(idle);
        checks(List.of(warmUp, closed) , open);
        if (!profile.isEmpty()) {
            report.section("JFR profile of the closed loop (recordings next to this report, not committed)");
            profile.forEach(report::line);
        }
    }

    // ---------------------------------------------------------------- one lifecycle

    /** Partner then reviewer, in sequence; returns false (and counts a failure) when a request failed. */
    private boolean lifecycle(Phase phase, long intendedStart) {
        String email = "customer-" + sequence.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@bench.example";
        ApiResponse created = partner.post(claims, Intake.newClaim(email));
        long t = record(phase, "create", intendedStart);
        if (created.status() != 201) {
            return fail(phase, "create", created);
        }
        String id = created.json().get("id").asString();
        ApiResponse uploaded = partner.upload(claims + "/" + id + "/documents", "poe.pdf", "application/pdf",
                Intake.POE_PDF);
        t = record(phase, "upload", t);
        if (uploaded.status() != 201) {
            return fail(phase, "upload", uploaded);
        }
        ApiResponse submitted = partner.post(claims + "/" + id + "/submit", Map.of());
        t = record(phase, "submit", t);
        if (submitted.status() != 200) {
            return fail(phase, "submit", submitted);
        }
        phase.submittedAt.put(id, Instant.now());
        long submittedNanos = t;
        long deadline = submittedNanos + Duration.ofSeconds(60).toNanos();
        // Prefer: wait (RFC 7240): the service holds the GET until the review exists; a service that ignores it
        // answers 404 at once and the loop polls as before
        Map<String, String> wait = settings.reviewWaitSeconds() > 0
                ? Map.of("Prefer", "wait=" + settings.reviewWaitSeconds()) : Map.of();
        while (true) {
            long before = System.nanoTime();
            ApiResponse review = reviewer.send("GET", reviews + "/" + id, null, null, wait);
            record(phase, "review GET", before);
            phase.reviewGets.incrementAndGet();
            if (review.status() == 200) {
                break;
            }
            if (review.status() != 404 || System.nanoTime() > deadline) {
                return fail(phase, "review GET", review);
            }
            BenchmarkRun.sleep(Duration.ofMillis(settings.pollMillis()));
        }
        t = System.nanoTime();
        phase.reviewVisible.recordValue(micros(t - submittedNanos));
        ApiResponse started = reviewer.post(reviews + "/" + id + "/start", Map.of());
        t = record(phase, "start", t);
        if (!started.ok()) {
            return fail(phase, "start", started);
        }
        ApiResponse approved = reviewer.post(reviews + "/" + id + "/approve", Map.of("comment", "PoE is complete"));
        record(phase, "approve", t);
        if (!approved.ok()) {
            return fail(phase, "approve", approved);
        }
        phase.approvedAnsweredAt.put(id, Instant.now());
        phase.completed.add(id);
        return true;
    }

    private static long record(Phase phase, String request, long startNanos) {
        long now = System.nanoTime();
        phase.requests.get(request).recordValue(micros(now - startNanos));
        return now;
    }

    private static boolean fail(Phase phase, String request, ApiResponse response) {
        phase.failures.incrementAndGet();
        if (phase.failureExamples.size() < 5) {
            String body = response.body() == null ? "" : response.body();
            phase.failureExamples.add(request + " " + response.status() + ": " + body.substring(0, Math.min(160, body.length())));
        }
        return false;
    }

    private static long micros(long nanos) {
        return Math.min(MAX_MICROS, Math.max(1, nanos / 1000));
    }

    // ---------------------------------------------------------------- phases

    private Phase closedLoop(String name, int lifecycles, Profiler profiler) {
        Phase phase = new Phase(name);
        AtomicInteger next = new AtomicInteger();
        LifecycleMeters.Reading before = meters.read();
        if (profiler != null) {
            profiler.start();
        }
        phase.startNanos = System.nanoTime();
        phase.start = Instant.now();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < settings.workers(); w++) {
                workers.submit(() -> {
                    while (next.getAndIncrement() < lifecycles) {
                        lifecycle(phase, System.nanoTime());
                    }
                });
            }
        }
        phase.lastApproved = Instant.now();
        finish(phase, before);
        return phase;
    }

    private Phase openLoop() {
        Phase phase = new Phase(String.format("open loop at %s lifecycles/s", trim(settings.openRate())));
        LifecycleMeters.Reading before = meters.read();
        phase.startNanos = System.nanoTime();
        phase.start = Instant.now();
        AtomicLong peakLag = new AtomicLong();
        // stopped by a flag, not an interrupt: an interrupt would abort the sample's HTTP request mid-way
        AtomicBoolean arriving = new AtomicBoolean(true);
        Thread.ofPlatform().name("lifecycle-lag").daemon().start(() -> {
            while (arriving.get()) {
                peakLag.accumulateAndGet(meters.consumerLag(), Math::max);
                BenchmarkRun.sleep(Duration.ofSeconds(2));
            }
        });
        ConstantRateLoad.run(settings.openRate(), settings.openFor(), Duration.ofSeconds(60),
                intended -> lifecycle(phase, intended));
        arriving.set(false);
        phase.lagAtEnd = meters.consumerLag();
        phase.lastApproved = Instant.now();
        finish(phase, before);
        phase.lagAfter = peakLag.get();
        return phase;
    }

    /** Waits for every approved claim's hand-off, then reads the counters. */
    private void finish(Phase phase, LifecycleMeters.Reading before) {
        BenchmarkRun.until(Duration.ofSeconds(60), () -> tap.allHandedOff(phase.completed));
        phase.lastHandOff = phase.completed.stream().map(id -> tap.first(LifecycleTap.HAND_OFF, id))
                .filter(java.util.Objects::nonNull).map(LifecycleTap.Seen::receivedAt)
                .max(Instant::compareTo).orElse(Instant.now());
        // the statistics collector receives a backend's counts up to 0.5 s after its commit
        BenchmarkRun.sleep(Duration.ofMillis(1500));
        phase.delta = LifecycleMeters.Delta.between(before, meters.read());
        System.out.printf("%s: %d complete, %d failed, %.1f s%n", phase.name, phase.completed.size(),
                phase.failures.get(), phase.delta.seconds());
    }

    /**
     * The idle window's counters, and the autovacuum and autoanalyze runs PostgreSQL made in it (read around the
     * window, so their own commits fall outside it).
     */
    private record Idle(LifecycleMeters.Delta counters, long maintenanceRuns) {

        double commitsPerSecond() {
            return counters.commits() / counters.seconds();
        }

        double maintenancePerSecond() {
            return maintenanceRuns / counters.seconds();
        }
    }

    private Idle idle(Duration over) {
        // idle means nothing left to do: every record consumed and every notice of the warm-up sent
        BenchmarkRun.until(Duration.ofSeconds(90), () -> meters.consumerLag() == 0 && Backlogs.Database.queryLong(
                platform, "notification-service", "SELECT count(*) FROM notification WHERE status = 'PENDING'") == 0);
        // PostgreSQL 14 sends a backend's statistics at the end of a transaction at most every 500 ms and otherwise
        // holds them until that backend's next transaction: the warm-up's last commits on each pooled connection
        // would be counted whenever the connection is next used. Hikari's keepalive uses each idle one within 3 min.
        BenchmarkRun.sleep(settings.idleSettle());
        long maintenanceBefore = meters.maintenanceRuns();
        BenchmarkRun.sleep(Duration.ofSeconds(2)); // the readings' own commits reach pg_stat_database before the window
        LifecycleMeters.Reading before = meters.read();
        BenchmarkRun.sleep(over);
        LifecycleMeters.Delta counters = LifecycleMeters.Delta.between(before, meters.read());
        return new Idle(counters, meters.maintenanceRuns() - maintenanceBefore);
    }

    // ---------------------------------------------------------------- report

    private double lifecyclesPerSecond(Phase phase) {
        double seconds = Duration.between(phase.start, phase.lastHandOff).toNanos() / 1e9;
        return phase.completed.size() / seconds;
    }

    private void summaryTable(Phase closed, Idle idle) {
        report.section("Summary (issue 13's table)");
        int n = Math.max(1, closed.completed.size());
        LifecycleMeters.Delta d = closed.delta;
        double platformCores = idle.counters().platformCpuSeconds() / idle.counters().seconds();
        report.line("| | complete lifecycles/s | platform CPU core-ms per lifecycle | DB commits per lifecycle | idle cost |");
        report.line("|---|---:|---:|---:|---|");
        report.line("| this platform, services `%s` (W = %d, %d lifecycles) | **%.1f** | **%.0f** | **%.1f** (+%.1f rollbacks) "
                        + "| %.2f cores, %.1f commits/s (%.1f of them autovacuum) |", settings.jvm(), settings.workers(),
                closed.completed.size(), lifecyclesPerSecond(closed), d.platformCpuSeconds() * 1000 / n,
                (double) d.commits() / n, (double) d.rollbacks() / n, platformCores, idle.commitsPerSecond(),
                idle.maintenancePerSecond());
        report.line("| targets of issue 13 | ≥ 125 | ≤ 16 | ≤ 8 | ≤ 0.05 cores, ≤ 1 commit/s |");
        report.line("");
        report.line("Complete lifecycles/s = lifecycles approved and handed off ÷ time from the first create to the "
                + "last hand-off read from Kafka (the 2 s window of the last claims included). Platform CPU = the four "
                + "service JVMs + PostgreSQL + Kafka/IdP/SMTP; the load generator and the benchmark JVM's own JIT and "
                + "GC are reported apart. Commits and rollbacks are `pg_stat_database` of the four databases over the "
                + "whole phase (pollers' commits included, nothing subtracted).");
    }

    private void phaseReport(Phase phase, LifecycleMeters.Delta idle) {
        int n = Math.max(1, phase.completed.size());
        LifecycleMeters.Delta d = phase.delta;
        report.section(capitalise(phase.name));
        report.line("- Complete: **%d** lifecycles (%d failed requests%s); %.1f lifecycles/s complete (first create → "
                        + "last hand-off), %.1f/s approved by the workers (first create → last approve); %.1f s in all.",
                phase.completed.size(), phase.failures.get(), phase.failureExamples.isEmpty() ? ""
                        : ", e.g. " + phase.failureExamples, lifecyclesPerSecond(phase),
                phase.completed.size() / (Duration.between(phase.start, phase.lastApproved).toNanos() / 1e9),
                d.seconds());
        report.line("- Reviewer GETs of the review (until it appears): %.1f per lifecycle.",
                (double) phase.reviewGets.get() / n);
        report.line("- Kafka records written (all topics, end offsets): **%.1f per lifecycle**.", (double) d.records() / n);
        if (phase.lagAtEnd >= 0) {
            report.line("- Records the consumers had not read at the end of the arrivals: %d; peak sampled every "
                    + "2 s: %d.", phase.lagAtEnd, phase.lagAfter);
        }
        report.line("");
        report.line("| request | n | p50 (ms) | p99 (ms) | max (ms) |\n|---|---:|---:|---:|---:|");
        phase.requests.forEach((request, recorder) -> row(request + (request.equals("create") && phase.lagAtEnd >= 0
                ? " (from the intended start)" : ""), Intake.Percentiles.of(recorder.getIntervalHistogram())));
        report.line("");
        report.line("| asynchronous hop | n | p50 (ms) | p99 (ms) | max (ms) |\n|---|---:|---:|---:|---:|");
        row(HOPS.get(0), Intake.Percentiles.of(phase.reviewVisible.getIntervalHistogram()));
        row(HOPS.get(1), hop(phase, id -> at(tap.first("claim.submitted", id)), id -> at(tap.first("review.queued", id))));
        row(HOPS.get(2), hop(phase, id -> at(tap.first("review.approved", id)), id -> at(tap.approved(id))));
        row(HOPS.get(3), hop(phase, tap::windowEndedAt, id -> at(tap.first(LifecycleTap.HAND_OFF, id))));
        row(HOPS.get(4), hop(phase, tap::windowEndedAt, id -> received(tap.first(LifecycleTap.HAND_OFF, id))));
        row(HOPS.get(5), hop(phase, phase.approvedAnsweredAt::get, id -> received(tap.first(LifecycleTap.HAND_OFF, id))));
        report.line("| *the tail, hop by hop:* | | | | |");
        row(HOPS.get(6), hop(phase, id -> at(tap.first("review.approved", id)), id -> at(tap.first("consent.requested", id))));
        row(HOPS.get(7), hop(phase, id -> at(tap.first("consent.requested", id)),
                id -> at(tap.first("notification.delivered", id))));
        row(HOPS.get(8), hop(phase, id -> at(tap.first("notification.delivered", id)), tap::windowEndedAt));
        report.line("");
        report.line("Per lifecycle, by process (CPU core-ms = user + system time from `/proc/<pid>/stat` ÷ lifecycles; "
                + "cores = ÷ wall time of the phase):");
        report.line("");
        report.line("| process | core-ms per lifecycle | cores busy |\n|---|---:|---:|");
        d.cpuSeconds().forEach((part, seconds) -> report.line("| %s | %.1f | %.2f |", part, seconds * 1000 / n,
                seconds / d.seconds()));
        report.line("| **platform (all but the load generator and this JVM's JIT/GC)** | **%.1f** | **%.2f** |",
                d.platformCpuSeconds() * 1000 / n, d.platformCpuSeconds() / d.seconds());
        report.line("");
        report.line("| database | commits per lifecycle | rollbacks per lifecycle | idle commits/s × phase ÷ lifecycles |");
        report.line("|---|---:|---:|---:|");
        d.commitsAndRollbacks().forEach((database, counts) -> report.line("| %s | %.1f | %.1f | %.1f |", database,
                (double) counts[0] / n, (double) counts[1] / n,
                idle.commitsAndRollbacks().get(database)[0] / idle.seconds() * d.seconds() / n));
        report.line("| **all four** | **%.1f** | **%.1f** | %.1f |", (double) d.commits() / n, (double) d.rollbacks() / n,
                idle.commits() / idle.seconds() * d.seconds() / n);
    }

    private void idleReport(Idle idle) {
        LifecycleMeters.Delta counters = idle.counters();
        double seconds = counters.seconds();
        report.section("Idle cost (%.0f s with nothing to do, after the warm-up and %d s to settle)".formatted(seconds,
                settings.idleSettle().toSeconds()));
        report.line("| process | cores |\n|---|---:|");
        counters.cpuSeconds().forEach((part, cpu) -> report.line("| %s | %.3f |", part, cpu / seconds));
        report.line("| **platform** | **%.3f** |", counters.platformCpuSeconds() / seconds);
        report.line("");
        report.line("| database | commits/s | rollbacks/s |\n|---|---:|---:|");
        counters.commitsAndRollbacks().forEach((database, counts) -> report.line("| %s | %.1f | %.1f |", database,
                counts[0] / seconds, counts[1] / seconds));
        report.line("| **all four** | **%.1f** | **%.1f** |", idle.commitsPerSecond(), counters.rollbacks() / seconds);
        report.line("");
        report.line("Of the commits, PostgreSQL's own autovacuum and autoanalyze runs (`pg_stat_user_tables`, each a "
                + "transaction of its own): %d, %.1f/s; the platform's own: "
                + "%.1f commits/s.", idle.maintenanceRuns(), idle.maintenancePerSecond(),
                idle.commitsPerSecond() - idle.maintenancePerSecond());
        report.line("");
        report.line("Kafka records written while idle: %d.", counters.records());
    }

    private void checks(List<Phase> phases, Phase open) {
        List<Phase> all = new ArrayList<>(phases);
        if (open != null) {
            all.add(open);
        }
        report.section("Checks: every approved claim handed off exactly once");
        List<String> violations = new ArrayList<>();
        long checked = 0;
        for (Phase phase : all) {
            for (String id : phase.completed) {
                checked++;
                List<String> handOffs = tap.handOffs(id);
                if (handOffs.size() != 1) {
                    violations.add(String.format("%s (%s): %d hand-off records %s", id, phase.name, handOffs.size(),
                            handOffs));
                }
            }
        }
        report.line("%d claims approved (warm-up included); hand-off records read per claim: %s.", checked,
                violations.isEmpty() ? "exactly one each — **0 violations**" : "**" + violations.size() + " violations**");
        violations.stream().limit(50).forEach(violation -> report.line("- %s", violation));
    }

    private interface At {
        Instant of(String claimId);
    }

    private static Instant at(LifecycleTap.Seen seen) {
        return seen == null ? null : seen.occurredAt();
    }

    private static Instant received(LifecycleTap.Seen seen) {
        return seen == null ? null : seen.receivedAt();
    }

    private static Intake.Percentiles hop(Phase phase, At from, At to) {
        Histogram histogram = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        for (String id : phase.completed) {
            Instant a = from.of(id);
            Instant b = to.of(id);
            if (a != null && b != null) {
                histogram.recordValue(Math.max(1, Duration.between(a, b).toNanos() / 1000));
            }
        }
        return Intake.Percentiles.of(histogram);
    }

    private void row(String what, Intake.Percentiles p) {
        report.line("| %s | %d | %.1f | %.1f | %.1f |", what, p.count(), p.p50(), p.p99(), p.max());
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    // ---------------------------------------------------------------- plumbing

    private long pidOf(String service) {
        String jar = service + ".jar";
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(jar))
                .map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("No process for " + service));
    }

    private String postgresDataDirectory() {
        try (var connection = Backlogs.Database.connect(platform, "claim-service");
             var statement = connection.createStatement();
             var result = statement.executeQuery("SHOW data_directory")) {
            result.next();
            return result.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void close() {
        if (tap != null) {
            tap.close();
        }
        if (meters != null) {
            meters.close();
        }
        if (platform != null) {
            platform.close();
        }
    }
}
