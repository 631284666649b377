package com.cpor.benchmarks;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevUser;
import com.cpor.localstack.Platform;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One benchmark run: starts the platform on embedded infrastructure, measures start-up and memory, the raw Kafka and
 * PostgreSQL rates, intake under a stepped constant arrival rate (the knee), the lifecycle's stage latencies, and a
 * consent-timer storm; writes {@code benchmarks/results/<timestamp>/report.md} with PNG charts and a {@code latest} copy.
 */
public final class BenchmarkRun {

    static final double P99_LIMIT_MS = 250;
    /** The load generators' API client: one connection pool (HTTP/1.1, virtual threads); no answer is status -1. */
    static final ApiClient API = ApiClient.loadGenerator(Duration.ofSeconds(5));
    private static final String CONSENT_WINDOW = "PT5S";

    /** How long each part runs: {@code full} for the report, {@code quick} for smoke tests. */
    record Plan(String name, List<Double> rates, Duration step, int lifecycleClaims, long timers, long dueAtOnce,
                Duration timerInsertBudget, Duration stormBudget, Duration kafkaFor, int pgbenchSeconds) {

        static Plan named(String name) {
            return switch (name) {
                case "quick" -> new Plan(name, List.of(2.0, 4.0), Duration.ofSeconds(10), 5, 20_000, 5_000,
                        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(5), 10);
                case "full" -> new Plan(name, List.of(2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0),
                        Duration.ofSeconds(20), 30, 1_000_000, 100_000, Duration.ofSeconds(180),
                        Duration.ofSeconds(200), Duration.ofSeconds(15), 20);
                default -> throw new IllegalArgumentException("benchmark.profile is quick or full, not " + name);
            };
        }

        /** {@code -Dbenchmark.timers} / {@code -Dbenchmark.timers-due} (above 0) replace the timer storm's sizes. */
        Plan withTimerSizes(long stored, long due) {
            long timers = stored > 0 ? stored : this.timers;
            return new Plan(name, rates, step, lifecycleClaims, timers, Math.min(timers, due > 0 ? due : dueAtOnce),
                    timerInsertBudget, stormBudget, kafkaFor, pgbenchSeconds);
        }
    }

    private final Plan plan;
    private final Path home;
    private final Path output;
    private final Report report = new Report();
    private Platform platform;
    private EventTap tap;
    private MailWatcher mailWatcher;
    private Backlogs backlogs;

    private BenchmarkRun(Plan plan, Path home, Path output) {
        this.plan = plan;
        this.home = home;
        this.output = output;
    }

    public static void main(String[] args) throws Exception {
        if ("lifecycle".equals(System.getProperty("benchmark.suite"))) {
            LifecycleRun.main(args);
            return;
        }
        if ("startup".equals(System.getProperty("benchmark.suite"))) {
            StartupRun.main(args);
            return;
        }
        // close idle client connections before the server does, so a POST never goes out on a half-closed one
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        Plan plan = Plan.named(System.getProperty("benchmark.profile", "full"))
                .withTimerSizes(Long.getLong("benchmark.timers", 0), Long.getLong("benchmark.timers-due", 0));
        Path home = Path.of(System.getProperty("cpor.home", ".")).toAbsolutePath().normalize();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path output = home.resolve("benchmarks/results").resolve(stamp);
        Files.createDirectories(output);
        long started = System.nanoTime();
        BenchmarkRun run = new BenchmarkRun(plan, home, output);
        try {
            run.execute();
        } finally {
            run.report.line("");
            run.report.line("Whole run: %.1f min (profile `%s`).", (System.nanoTime() - started) / 6e10, plan.name());
            run.finish();
        }
        System.exit(0);
    }

    private void execute() throws Exception {
        Machine machine = Machine.describe();
        report.title("CPOR platform benchmark — " + output.getFileName());
        report.section("Machine");
        report.line("- CPUs (`nproc`): %d; CPU: %s", machine.cpus(), machine.cpuModel());
        report.line("- Memory: %,d MiB; OS: %s", machine.memoryMiB(), machine.os());
        report.line("- JDK: %s", machine.jdk());
        report.line("- Load average (1 min) when the run started: %.2f; other JVMs running (besides Maven and this run): %d",
                Machine.loadAverage(), Math.max(0, Machine.foreignJvms() - 1));
        report.line("- Infrastructure: embedded (in this JVM: Kafka KRaft broker, GreenMail SMTP, dev JWT issuer; "
                + "child process: zonky PostgreSQL 14 with `fsync=off`, `max_connections=300`); the four services as "
                + "child JVMs (`-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1`, as `local-stack` starts them).");
        report.line("- Profile `%s`; consent window %s; per-partner write rate limit switched off "
                + "(`cpor.security.rate-limit.enabled=false`) so the platform, not the limiter, is measured.",
                plan.name(), CONSENT_WINDOW);

        startPlatform();
        tap = new EventTap(platform.kafkaBootstrapServers());
        mailWatcher = new MailWatcher(platform.mail());
        backlogs = new Backlogs(platform);

        // -Dbenchmark.only=timers: start-up, the lifecycle (which the storm copies a claim snapshot from) and the storm
        boolean timersOnly = "timers".equals(System.getProperty("benchmark.only"));
        Baselines.KafkaRate kafka = timersOnly ? null : kafkaBaseline();
        Baselines.PgbenchRate pgbench = timersOnly ? null : pgbenchBaseline();
        List<Step> steps = timersOnly ? List.of() : intake();
        lifecycle();
        timerStorm();
        memory("after the run", true);
        if (!timersOnly) {
            ratios(steps, kafka, pgbench);
        }
    }

    // ---------------------------------------------------------------- start-up and memory

    private void startPlatform() {
        report.section("Start-up");
        Platform.Ports ports = Platform.Ports.free();
        Map<String, Long> logOffsets = new LinkedHashMap<>();
        for (String service : Platform.SERVICES) {
            logOffsets.put(service, sizeOf(logFileOf(service)));
        }
        Map<String, Double> healthyAfter = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        List<Thread> watchers = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            int port = switch (service) {
                case "claim-service" -> ports.claim();
                case "review-service" -> ports.review();
                case "consent-service" -> ports.consent();
                default -> ports.notification();
            };
            watchers.add(Thread.ofVirtual().start(() -> {
                awaitUp(port, Duration.ofMinutes(5));
                healthyAfter.put(service, (System.nanoTime() - t0) / 1e9);
            }));
        }
        platform = Platform.start(new Platform.Settings(home, null, ports, Map.of(
                "*", Map.of("cpor.security.rate-limit.enabled", "false"),
                "consent-service", consentSettings())));
        double whole = (System.nanoTime() - t0) / 1e9;
        watchers.forEach(BenchmarkRun::join);
        report.line("The four services start in parallel (as `Platform` does) after PostgreSQL and Kafka. "
                + "*Healthy after* counts from the start of `Platform.start` (infrastructure included) to the first "
                + "`UP` of `/actuator/health`; *Spring ready* is Spring Boot's own `Started … in N seconds` (JVM start "
                + "to application ready).");
        report.line("");
        report.line("| service | healthy after (s) | Spring ready (s) |");
        report.line("|---|---:|---:|");
        for (String service : Platform.SERVICES) {
            report.line("| %s | %.1f | %s |", service, healthyAfter.getOrDefault(service, -1.0),
                    springStartedIn(service, logOffsets.get(service)));
        }
        report.line("| **whole stack** (`Platform.start`) | **%.1f** | |", whole);
        memory("idle, right after start-up", false);
    }

    private void memory(String when, boolean withPeak) {
        report.section("Memory (RSS) " + when);
        report.line(withPeak ? "| service | VmRSS (MiB) | VmHWM peak (MiB) |\n|---|---:|---:|" : "| service | VmRSS (MiB) |\n|---|---:|");
        long total = 0;
        for (String service : Platform.SERVICES) {
            long pid = pidOf(service);
            long rss = Machine.statusKiB(pid, "VmRSS");
            total += rss;
            if (withPeak) {
                report.line("| %s | %.0f | %.0f |", service, rss / 1024.0, Machine.statusKiB(pid, "VmHWM") / 1024.0);
            } else {
                report.line("| %s | %.0f |", service, rss / 1024.0);
            }
        }
        report.line(withPeak ? "| **four services** | **%.0f** | |" : "| **four services** | **%.0f** |", total / 1024.0);
        long self = Machine.statusKiB(ProcessHandle.current().pid(), "VmRSS");
        report.line("");
        report.line("(The benchmark JVM, which also hosts Kafka and the SMTP capture: %.0f MiB.)", self / 1024.0);
    }

    /** The service's JVM among this process's children, found by its jar on the command line. */
    private long pidOf(String service) {
        String jar = service + ".jar";
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(jar))
                .map(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("No process for " + service));
    }

    private Path logFileOf(String service) {
        return home.resolve("end-to-end-tests/target/service-logs").resolve(service + ".log");
    }

    private String springStartedIn(String service, long offset) {
        try {
            String log = Files.readString(logFileOf(service));
            Matcher started = Pattern.compile("Started \\w+ in ([0-9.]+) seconds")
                    .matcher(log.substring((int) Math.min(offset, log.length())));
            return started.find() ? started.group(1) : "n/a";
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void awaitUp(int port, Duration timeout) {
        ApiClient client = ApiClient.anonymous().requestTimeout(Duration.ofSeconds(2));
        String health = "http://localhost:" + port + "/actuator/health";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ApiResponse response = client.get(health);
                if (response.status() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (ApiClient.Unreachable e) {
                // not listening yet
            } catch (IllegalStateException interrupted) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
    }

    // ---------------------------------------------------------------- baselines

    private Baselines.KafkaRate kafkaBaseline() {
        report.section("Baseline: Kafka on this machine");
        Baselines.KafkaRate rate = Baselines.kafka(platform, 1024, plan.kafkaFor(), 2_000_000);
        report.line("Own minimal loop equivalent to `kafka-producer-perf-test --throughput -1` / "
                + "`kafka-consumer-perf-test` (`kafka-tools` is not on the classpath): one producer with the platform's "
                + "settings (`acks=all`, `enable.idempotence=true`, default batching), %d-byte records, topic with 3 "
                + "partitions on the same broker, then one consumer reading them all back.", rate.recordBytes());
        report.line("");
        report.line("| | records/s | MiB/s |\n|---|---:|---:|");
        report.line("| producer (%,d records acknowledged) | %,.0f | %.1f |", rate.records(), rate.producedPerSecond(),
                rate.producerMiBPerSecond());
        report.line("| consumer | %,.0f | %.1f |", rate.consumedPerSecond(), rate.consumerMiBPerSecond());
        return rate;
    }

    private Baselines.PgbenchRate pgbenchBaseline() {
        report.section("Baseline: PostgreSQL on this machine");
        Baselines.PgbenchRate rate = Baselines.pgbench(platform, 8, plan.pgbenchSeconds(), 10);
        report.line("`%s`, against the platform's own embedded server (%s; note `fsync=off` on the throw-away "
                + "server, the same for the platform's services).", rate.command(), rate.version());
        report.line("");
        report.line("- **%,.0f transactions (commits) per second**, average latency %.1f ms", rate.tps(), rate.latencyMs());
        return rate;
    }

    // ---------------------------------------------------------------- intake and the knee

    record Step(double rate, int scheduled, int submitted, long failures, String failureStatuses, double achieved,
                Intake.Percentiles http, Intake.Percentiles claim, Map<String, Intake.Percentiles> byOperation,
                double backlogSlope, long backlogEnd, double drainSeconds, double commitsPerClaim,
                double eventsPerClaim, Intake.Percentiles submitToQueued, boolean sustainable, double load,
                Map<String, Double> cores) {
    }

    private List<Step> intake() {
        report.section("Intake: claims created + document uploaded + submitted, stepped constant arrival rate");
        String partnerToken = platform.identity().tokenFor(DevUser.PARTNER_ADMIN);
        String claimService = platform.service("claim-service").baseUrl();
        // warm-up: JIT and connection pools, not measured
        Intake warmUp = new Intake(claimService, partnerToken);
        ConstantRateLoad.run(5, Duration.ofSeconds(8), Duration.ofSeconds(30), warmUp::submitOne);
        awaitDrained(Duration.ofSeconds(60));
        double idleCommitsPerSecond = idleCommitRate(Duration.ofSeconds(5));
        Map<String, Long> pids = new LinkedHashMap<>();
        Platform.SERVICES.forEach(service -> pids.put(service, pidOf(service)));
        CpuMeter cpu = new CpuMeter(pids, postgresDataDirectory());
        Profiler profiler = Boolean.getBoolean("benchmark.jfr") ? new Profiler(pids, output, "intake") : null;
        if (profiler != null) {
            profiler.start();
        }

        List<Step> steps = new ArrayList<>();
        List<Charts.Series> timeline = new ArrayList<>();
        long intakeStart = System.nanoTime();
        for (double rate : plan.rates()) {
            Intake intake = new Intake(claimService, partnerToken);
            long commitsBefore = Backlogs.Database.commits(platform);
            Map<String, Double> cpuBefore = cpu.now();
            long stepStart = System.nanoTime();
            BacklogSampler sampler = new BacklogSampler(backlogs, Duration.ofSeconds(2));
            int scheduled = ConstantRateLoad.run(rate, plan.step(), Duration.ofSeconds(60), intake::submitOne);
            double stepSeconds0 = plan.step().toNanos() / 1e9;
            // the backlog's trend while arrivals were offered (not while stragglers finished)
            List<double[]> samples = sampler.stop().stream().filter(sample -> sample[0] <= stepSeconds0 + 0.5).toList();
            double backlogAtEnd = samples.isEmpty() ? 0 : samples.getLast()[1];
            double load = Machine.loadAverage();
            Map<String, Double> cores = CpuMeter.coresBetween(cpuBefore, cpu.now(), (System.nanoTime() - stepStart) / 1e9);
            // stragglers finish (their latency still counts from their intended start), then the pipeline drains
            long drainStart = System.nanoTime();
            awaitStragglers(intake, scheduled, Duration.ofSeconds(60));
            boolean drained = awaitDrained(Duration.ofSeconds(60));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            awaitEvents("review.queued", intake.submittedClaims, Duration.ofSeconds(30));
            double stepSeconds = (System.nanoTime() - stepStart) / 1e9;
            long commits = Backlogs.Database.commits(platform) - commitsBefore;
            int submitted = intake.submittedClaims.size();
            double commitsPerClaim = submitted == 0 ? 0
                    : Math.max(0, commits - idleCommitsPerSecond * stepSeconds) / submitted;
            double eventsPerClaim = submitted == 0 ? 0 : (double) tap.countFor(intake.submittedClaims) / submitted;
            Intake.Percentiles http = Intake.Percentiles.of(intake.httpLatency.getIntervalHistogram());
            Intake.Percentiles claim = Intake.Percentiles.of(intake.claimLatency.getIntervalHistogram());
            Map<String, Intake.Percentiles> byOperation = new LinkedHashMap<>();
            for (String operation : List.of("create", "upload", "submit")) {
                byOperation.put(operation, Intake.Percentiles.of(intake.byOperation.get(operation).getIntervalHistogram()));
            }
            double slope = slope(samples);
            boolean flat = drained && slope <= Math.max(1.0, 0.05 * rate * Math.max(1, eventsPerClaim));
            boolean sustainable = intake.failures.get() == 0 && http.p99() <= P99_LIMIT_MS && flat
                    && submitted >= 0.95 * scheduled;
            double achieved = submitted / (plan.step().toNanos() / 1e9);
            Step step = new Step(rate, scheduled, submitted, intake.failures.get(),
                    intake.failureStatuses + (intake.failureExamples.isEmpty() ? "" : " e.g. " + intake.failureExamples),
                    achieved, http, claim, byOperation, slope, (long) backlogAtEnd, drained ? drainSeconds : -1,
                    commitsPerClaim, eventsPerClaim, stageLatency("claim.submitted", "review.queued",
                    intake.submittedClaims), sustainable, load, cores);
            steps.add(step);
            System.out.printf("intake %.0f/s: submitted %d/%d, http p99 %.0f ms, backlog slope %.1f/s, %s%n", rate,
                    submitted, scheduled, http.p99(), slope, sustainable ? "sustainable" : "NOT sustainable");
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            intake.samples.stream().sorted(Comparator.comparingLong(Intake.Sample::intendedNanos)).forEach(sample -> {
                x.add((sample.intendedNanos() - intakeStart) / 1e9);
                y.add(sample.latencyMicros() / 1000.0);
            });
            timeline.add(new Charts.Series(String.format("%.0f claims/s", rate), x, y, true));
            if (!sustainable) {
                break;
            }
        }
        List<String> profile = profiler == null ? List.of() : profiler.stopAndSummarise(15);
        writeIntakeReport(steps, idleCommitsPerSecond);
        if (!profile.isEmpty()) {
            report.line("");
            report.line("### JFR profile of the intake steps (`-Dbenchmark.jfr=true`; recordings next to this report)");
            report.line("");
            profile.forEach(report::line);
        }
        Charts.save(output.resolve("intake-latency-over-time.png"),
                "Claim intake latency (create+upload+submit, from intended start) over time, per arrival-rate step",
                "seconds since the first step", "latency (ms, log scale)", true, timeline);
        Charts.save(output.resolve("throughput-vs-arrival-rate.png"), "Achieved vs offered claim rate",
                "offered (claims/s)", "claims/s", false, List.of(
                        new Charts.Series("achieved (submitted/s)", steps.stream().map(Step::rate).toList(),
                                steps.stream().map(Step::achieved).toList(), false),
                        new Charts.Series("offered", steps.stream().map(Step::rate).toList(),
                                steps.stream().map(Step::rate).toList(), false)));
        Charts.save(output.resolve("latency-vs-arrival-rate.png"), "HTTP latency vs offered claim rate",
                "offered (claims/s)", "ms (log scale)", true, List.of(
                        new Charts.Series("HTTP p50", steps.stream().map(Step::rate).toList(),
                                steps.stream().map(step -> step.http().p50()).toList(), false),
                        new Charts.Series("HTTP p99", steps.stream().map(Step::rate).toList(),
                                steps.stream().map(step -> step.http().p99()).toList(), false),
                        new Charts.Series("HTTP p99.9", steps.stream().map(Step::rate).toList(),
                                steps.stream().map(step -> step.http().p999()).toList(), false),
                        new Charts.Series("p99 limit (250 ms)", steps.stream().map(Step::rate).toList(),
                                steps.stream().map(step -> P99_LIMIT_MS).toList(), false)));
        return steps;
    }

    private void writeIntakeReport(List<Step> steps, double idleCommitsPerSecond) {
        report.line("Each step offers claims at a constant rate for %d s (open model: claim *i* starts at "
                + "*t0 + i/rate* on its own virtual thread whatever happened before). A claim is three requests in "
                + "sequence (POST claim, multipart upload of a PDF, POST submit) as the partner admin. HTTP latency "
                + "(HdrHistogram) counts the create from the claim's *intended* start, the other two from the end of "
                + "the previous request; *claim* latency is intended start → submit answered. Backlog = outbox rows not "
                + "yet published (4 databases) + records the consumers have not read (their position-based lag), "
                + "sampled every 2 s; its slope is a least-squares fit over the step. A step is **sustainable** when "
                + "nothing failed, HTTP p99 ≤ %.0f ms, the backlog slope stays flat (≤ max(1, 5%% of the offered "
                + "event rate) per s) and it drains afterwards. Stepping stops at the first step that is not sustainable. A warm-up of 8 s at 5 claims/s precedes the steps.",
                plan.step().toSeconds(), P99_LIMIT_MS);
        report.line("");
        report.line("| offered/s | submitted | achieved/s | failed | HTTP p50 / p99 / p99.9 (ms) | claim p50 / p99 (ms) "
                + "| backlog slope (/s) | drain (s) | submit→ReviewQueued p50 / p99 (ms) | load avg | sustainable |");
        report.line("|---:|---:|---:|---:|---|---|---:|---:|---|---:|:---:|");
        for (Step step : steps) {
            report.line("| %.0f | %d/%d | %.1f | %d%s | %.1f / %.1f / %.1f | %.1f / %.1f | %.1f | %s | %.0f / %.0f | %.1f | %s |",
                    step.rate(), step.submitted(), step.scheduled(), step.achieved(), step.failures(),
                    step.failures() > 0 ? " " + step.failureStatuses() : "", step.http().p50(), step.http().p99(),
                    step.http().p999(), step.claim().p50(), step.claim().p99(), step.backlogSlope(),
                    step.drainSeconds() < 0 ? "> 60" : String.format("%.1f", step.drainSeconds()),
                    step.submitToQueued().p50(), step.submitToQueued().p99(), step.load(),
                    step.sustainable() ? "yes" : "**no**");
        }
        report.line("");
        report.line("Per request (p50 / p99 / p99.9 ms):");
        report.line("");
        report.line("| offered/s | create (from intended start) | upload | submit |\n|---:|---|---|---|");
        for (Step step : steps) {
            report.line("| %.0f | %s | %s | %s |", step.rate(), triple(step.byOperation().get("create")),
                    triple(step.byOperation().get("upload")), triple(step.byOperation().get("submit")));
        }
        Step best = steps.stream().filter(Step::sustainable).reduce((a, b) -> b).orElse(null);
        report.line("");
        if (best == null) {
            report.line("**No step was sustainable**: the knee is below %.0f claims/s.", steps.getFirst().rate());
        } else {
            Step after = steps.getLast() != best ? steps.getLast() : null;
            report.line("**Highest sustainable rate: %.0f claims/s** (%.1f achieved; HTTP p99 %.1f ms)%s.",
                    best.rate(), best.achieved(), best.http().p99(), after == null
                            ? "; every step offered was sustainable, so the knee is above this rate"
                            : String.format("; at %.0f claims/s: HTTP p99 %.1f ms, backlog slope %.1f/s, %d failed",
                            after.rate(), after.http().p99(), after.backlogSlope(), after.failures()));
        }
        report.line("");
        report.line("Database commits per claim (all four databases, `pg_stat_database.xact_commit`, idle rate of "
                + "%.1f commits/s from pollers subtracted) and events per claim (all topics, read back from Kafka):",
                idleCommitsPerSecond);
        report.line("");
        report.line("| offered/s | commits per claim | events per claim |\n|---:|---:|---:|");
        for (Step step : steps) {
            report.line("| %.0f | %.1f | %.1f |", step.rate(), step.commitsPerClaim(), step.eventsPerClaim());
        }
        report.line("");
        report.line("CPU cores busy while each step's arrivals were offered (`/proc/<pid>/stat` user + system time ÷ wall "
                + "time; the machine has %d):", Runtime.getRuntime().availableProcessors());
        report.line("");
        List<String> parts = List.copyOf(steps.getFirst().cores().keySet());
        report.line("| offered/s | " + String.join(" | ", parts) + " | total |");
        report.line("|---:|" + "---:|".repeat(parts.size() + 1));
        for (Step step : steps) {
            StringBuilder row = new StringBuilder(String.format("| %.0f |", step.rate()));
            parts.forEach(part -> row.append(String.format(" %.2f |", step.cores().get(part))));
            row.append(String.format(" %.2f |", step.cores().values().stream().mapToDouble(Double::doubleValue).sum()));
            report.line(row.toString());
        }
        report.line("");
        report.line("![intake latency over time](intake-latency-over-time.png)");
        report.line("");
        report.line("![throughput vs arrival rate](throughput-vs-arrival-rate.png)");
        report.line("");
        report.line("![latency vs arrival rate](latency-vs-arrival-rate.png)");
        this.bestStep = best;
    }

    private Step bestStep;

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

    private static String triple(Intake.Percentiles p) {
        return String.format("%.1f / %.1f / %.1f", p.p50(), p.p99(), p.p999());
    }

    private double idleCommitRate(Duration over) {
        BacklogSampler sampler = new BacklogSampler(backlogs, Duration.ofSeconds(2));
        long before = Backlogs.Database.commits(platform);
        long start = System.nanoTime();
        sleep(over);
        sampler.stop();
        long after = Backlogs.Database.commits(platform);
        return (after - before) / ((System.nanoTime() - start) / 1e9);
    }

    private static void awaitStragglers(Intake intake, int scheduled, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (intake.submittedClaims.size() + intake.failures.get() < scheduled && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
    }

    private boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (backlogs.now().total() == 0) {
                return true;
            }
            sleep(Duration.ofMillis(250));
        }
        return false;
    }

    private void awaitEvents(String type, Set<String> claims, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && claims.stream().anyMatch(claim -> tap.first(type, claim) == null)) {
            sleep(Duration.ofMillis(200));
        }
    }

    /** Least-squares slope of backlog over time, in rows per second. */
    private static double slope(List<double[]> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        double n = samples.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] sample : samples) {
            sx += sample[0];
            sy += sample[1];
            sxx += sample[0] * sample[0];
            sxy += sample[0] * sample[1];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    /** Samples the backlog in the background: [seconds since start, outbox rows + consumer lag]. */
    private static final class BacklogSampler {
        private final ConcurrentLinkedQueue<double[]> samples = new ConcurrentLinkedQueue<>();
        private final Thread worker;
        private volatile boolean running = true;

        BacklogSampler(Backlogs backlogs, Duration every) {
            long start = System.nanoTime();
            worker = Thread.ofPlatform().daemon().name("backlog-sampler").start(() -> {
                while (running) {
                    samples.add(new double[] {(System.nanoTime() - start) / 1e9, backlogs.now().total()});
                    sleep(every);
                }
            });
        }

        List<double[]> stop() {
            running = false;
            join(worker);
            return List.copyOf(samples);
        }
    }

    // ---------------------------------------------------------------- the lifecycle's stage latencies

    private Intake.Percentiles stageLatency(String fromType, String toType, Set<String> claims) {
        Histogram histogram = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        for (String claim : claims) {
            EventTap.Seen from = tap.first(fromType, claim);
            EventTap.Seen to = tap.first(toType, claim);
            if (from != null && to != null) {
                histogram.recordValue(Math.max(1, Duration.between(from.occurredAt(), to.occurredAt()).toNanos() / 1000));
            }
        }
        return Intake.Percentiles.of(histogram);
    }

    private final Set<String> lifecycleClaims = ConcurrentHashMap.newKeySet();

    private void lifecycle() {
        report.section("End-to-end latency per stage (the whole lifecycle)");
        String partnerToken = platform.identity().tokenFor(DevUser.PARTNER_ADMIN);
        ApiClient reviewer = BenchmarkRun.API.as(platform.identity().tokenFor(DevUser.REVIEWER));
        ApiClient partner = BenchmarkRun.API.as(partnerToken);
        String claims = platform.service("claim-service").baseUrl() + "/api/v1/claims";
        String reviews = platform.service("review-service").baseUrl() + "/api/v1/reviews";
        Intake intake = new Intake(platform.service("claim-service").baseUrl(), partnerToken);
        Set<String> approved = ConcurrentHashMap.newKeySet();
        double rate = 2;
        ConstantRateLoad.run(rate, Duration.ofMillis((long) (plan.lifecycleClaims() / rate * 1000)),
                Duration.ofSeconds(120), intended -> {
                    String id = intake.submitOne(intended);
                    if (id == null || !until(Duration.ofSeconds(60), () -> reviewer.send("GET", reviews + "/" + id, null, null,
                            Map.of("Prefer", "wait=20")).status() == 200)
                            || !reviewer.post(reviews + "/" + id + "/start", Map.of()).ok()
                            || !until(Duration.ofSeconds(60), () -> partner.get(claims + "/" + id).body()
                            .contains("\"IN_REVIEW\""))
                            || !reviewer.post(reviews + "/" + id + "/approve", Map.of("comment", "PoE is complete")).ok()) {
                        return;
                    }
                    approved.add(id);
                });
        lifecycleClaims.addAll(approved);
        awaitEvents("association.ready-for-evaluation", approved, Duration.ofSeconds(90));
        until(Duration.ofSeconds(30), () -> approved.stream()
                .allMatch(id -> mailWatcher.firstAcceptedFor(intake.customerEmailByClaim.get(id)) != null));

        Histogram mail = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        for (String id : approved) {
            EventTap.Seen requested = tap.first("consent.requested", id);
            Instant accepted = mailWatcher.firstAcceptedFor(intake.customerEmailByClaim.get(id));
            if (requested != null && accepted != null) {
                mail.recordValue(Math.max(1, Duration.between(requested.occurredAt(), accepted).toNanos() / 1000));
            }
        }
        report.line("%d claims (%d approved) taken through the lifecycle at %.0f claims/s: submit, the reviewer waits "
                + "for the review to appear, starts it, waits for the claim to be IN_REVIEW and approves; the consent "
                + "window (%s) elapses unanswered. Stage latency is the difference of the two events' `ce_time` "
                + "(CloudEvents header = the event's `occurredAt`, stamped inside the transaction of the state change), "
                + "read back with a Kafka consumer on all topics; the e-mail stage ends when GreenMail accepted the "
                + "consent mail to the customer (polled every 20 ms).", plan.lifecycleClaims(), approved.size(), rate,
                CONSENT_WINDOW);
        report.line("");
        report.line("| stage | n | p50 (ms) | p99 (ms) | max (ms) |\n|---|---:|---:|---:|---:|");
        stageRow("submit → ReviewQueued (`claim.submitted` → `review.queued`)",
                stageLatency("claim.submitted", "review.queued", approved));
        stageRow("approve → ConsentRequested (`review.approved` → `consent.requested`)",
                stageLatency("review.approved", "consent.requested", approved));
        stageRow("ConsentRequested → e-mail accepted by SMTP", Intake.Percentiles.of(mail));
        stageRow("ConsentWindowElapsed → AssociationReadyForEvaluation (`consent.window-elapsed` → "
                + "`association.ready-for-evaluation`)",
                stageLatency("consent.window-elapsed", "association.ready-for-evaluation", approved));
        stageRow("(for scale) ConsentRequested → ConsentWindowElapsed: window + timer poll",
                stageLatency("consent.requested", "consent.window-elapsed", approved));
        if (bestStep != null) {
            report.line("");
            report.line("Under load (the highest sustainable intake step, %.0f claims/s, n = %d): submit → ReviewQueued "
                    + "p50 %.0f ms, p99 %.0f ms.", bestStep.rate(), bestStep.submitToQueued().count(),
                    bestStep.submitToQueued().p50(), bestStep.submitToQueued().p99());
        }
    }

    private void stageRow(String stage, Intake.Percentiles p) {
        report.line("| %s | %d | %.0f | %.0f | %.0f |", stage, p.count(), p.p50(), p.p99(), p.max());
    }

    /** The short consent window, and {@code -Dbenchmark.timer-workers} (above 0) as consent-service's timer pollers. */
    private static Map<String, String> consentSettings() {
        int workers = Integer.getInteger("benchmark.timer-workers", 0);
        return workers > 0 ? Map.of("cpor.consent.policy.window", CONSENT_WINDOW, "cpor.timers.workers", String.valueOf(workers))
                : Map.of("cpor.consent.policy.window", CONSENT_WINDOW);
    }

    // ---------------------------------------------------------------- timers

    private void timerStorm() throws Exception {
        report.section("Timers: stored consent windows, then many due at once");
        TimerStorm storm = new TimerStorm(platform);
        TimerStorm.Stored stored = storm.store(plan.timers(), 100_000, plan.timerInsertBudget());
        System.out.printf("stored %d pending timers in %.0f s%n", stored.pending(), stored.seconds());
        long due = Math.min(plan.dueAtOnce(), stored.pending());

        // API latency during the storm: reads on consent-service (the storm's service) and claim-service
        String someClaim = lifecycleClaims.iterator().next();
        ApiClient staff = BenchmarkRun.API.as(platform.identity().tokenFor(DevUser.STAFF));
        ApiClient partner = BenchmarkRun.API.as(platform.identity().tokenFor(DevUser.PARTNER_ADMIN));
        String consentUrl = platform.service("consent-service").baseUrl() + "/api/v1/consents/" + someClaim;
        String claimUrl = platform.service("claim-service").baseUrl() + "/api/v1/claims/" + someClaim;
        Recorder apiLatency = new Recorder(Duration.ofMinutes(2).toNanos() / 1000, 3);
        // the same reads per service, to tell which service's reads the storm slows
        Recorder consentReads = new Recorder(Duration.ofMinutes(2).toNanos() / 1000, 3);
        Recorder claimReads = new Recorder(Duration.ofMinutes(2).toNanos() / 1000, 3);
        ConcurrentLinkedQueue<double[]> apiSamples = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<Integer, Long> apiStatuses = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        long apiStart = System.nanoTime();
        Duration ahead = Duration.ofSeconds(8);
        Duration warmUp = Duration.ofSeconds(4);
        java.util.concurrent.atomic.AtomicBoolean stormOver = new java.util.concurrent.atomic.AtomicBoolean();
        Thread apiLoad = Thread.ofPlatform().name("api-during-storm").start(() ->
                ConstantRateLoad.run(20, warmUp.plus(ahead).plus(plan.stormBudget()), Duration.ofSeconds(30),
                        stormOver::get, intended -> {
                    boolean consent = reads.incrementAndGet() % 2 == 0;
                    ApiResponse response = consent ? staff.get(consentUrl) : partner.get(claimUrl);
                    long micros = Math.max(1, (System.nanoTime() - intended) / 1000);
                    apiLatency.recordValue(Math.min(micros, Duration.ofMinutes(2).toNanos() / 1000));
                    (consent ? consentReads : claimReads).recordValue(Math.min(micros, Duration.ofMinutes(2).toNanos() / 1000));
                    apiSamples.add(new double[] {(intended - apiStart) / 1e9, micros / 1000.0});
                    apiStatuses.merge(response.status(), 1L, Long::sum);
                }));
        sleep(warmUp);
        apiLatency.getIntervalHistogram();
        sleep(Duration.ofSeconds(3));
        Histogram apiBefore = apiLatency.getIntervalHistogram();
        Map<String, Long> pids = new LinkedHashMap<>();
        Platform.SERVICES.forEach(service -> pids.put(service, pidOf(service)));
        CpuMeter cpu = new CpuMeter(pids, postgresDataDirectory());
        Profiler profiler = Boolean.getBoolean("benchmark.jfr") ? new Profiler(pids, output, "timers") : null;
        if (profiler != null) {
            profiler.start();
        }
        Instant dueAt = storm.makeDue(due, ahead);
        long stormStart = System.nanoTime();
        Instant stormDeadline = dueAt.plus(plan.stormBudget());
        sleep(Duration.between(Instant.now(), dueAt));
        apiLatency.getIntervalHistogram();
        consentReads.getIntervalHistogram();
        claimReads.getIntervalHistogram();
        Map<String, Double> cpuAtDue = cpu.now();
        long dueNanos = System.nanoTime();
        while (Instant.now().isBefore(stormDeadline) && storm.stillPending(dueAt) > 0) {
            sleep(Duration.ofMillis(500));
        }
        Histogram apiDuring = apiLatency.getIntervalHistogram();
        Intake.Percentiles consentDuring = Intake.Percentiles.of(consentReads.getIntervalHistogram());
        Intake.Percentiles claimDuring = Intake.Percentiles.of(claimReads.getIntervalHistogram());
        Map<String, Double> stormCores = CpuMeter.coresBetween(cpuAtDue, cpu.now(), (System.nanoTime() - dueNanos) / 1e9);
        List<String> profile = profiler == null ? List.of() : profiler.stopAndSummarise(15);
        double stormSeconds = (System.nanoTime() - stormStart) / 1e9 - ahead.toSeconds();
        TimerStorm.Result result = storm.measure(due, dueAt);
        stormOver.set(true);
        join(apiLoad);
        System.out.printf("storm: %d of %d fired, %.0f/s, lateness p99 %.0f ms%n", result.fired(), due,
                result.firingsPerSecond(), result.latenessP99Ms());

        if (!stored.complete()) {
            report.line("**Stored %,d pending windows, not the planned %,d**: the insert budget of %d s ran out on this "
                    + "machine. The figures below are for %,d stored timers; nothing is extrapolated.",
                    stored.pending(), plan.timers(), plan.timerInsertBudget().toSeconds(), stored.pending());
            report.line("");
        }
        report.line("- Stored: **%,d pending consent windows** (`consent_window` row + `durable_timer` row each, the rows "
                + "consent-service writes itself, with a real claim snapshot), bulk-inserted server-side with "
                + "`INSERT … SELECT generate_series` in chunks of 100,000, in %.0f s (%,.0f rows/s), then `ANALYZE`.",
                stored.pending(), stored.seconds(), stored.pending() / stored.seconds());
        report.line("- Made due at once: **%,d** timers moved (one UPDATE) to a single instant %d s ahead; consent-service's "
                + "own timer pollers (`cpor.timers.*`: %s workers, batches of up to 200 timers, one transaction per batch, "
                + "the windows closed and their events recorded set-based) fire them: window ELAPSED + "
                + "`ConsentWindowElapsed` in the outbox, per timer.", due, ahead.toSeconds(),
                Integer.getInteger("benchmark.timer-workers", 0) > 0 ? Integer.getInteger("benchmark.timer-workers")
                        : "4 (the default)");
        report.line("- Fired: **%,d of %,d** within %.0f s (budget %d s); **%,.0f firings/s** (fired ÷ time from the due "
                + "instant to the last firing).", result.fired(), due, Math.min(stormSeconds, plan.stormBudget().toSeconds()),
                plan.stormBudget().toSeconds(), result.firingsPerSecond());
        report.line("- Lateness (`fired_at − due_at`): p50 **%,.0f ms**, p99 **%,.0f ms**, max %,.0f ms%s.",
                result.latenessP50Ms(), result.latenessP99Ms(), result.latenessMaxMs(),
                result.fired() < due ? " (of the fired ones; the rest were later than the budget)" : "");
        Intake.Percentiles before = Intake.Percentiles.of(apiBefore);
        Intake.Percentiles during = Intake.Percentiles.of(apiDuring);
        report.line("- API latency, 20 reads/s alternating `GET /api/v1/consents/{claimId}` (consent-service, staff) and "
                + "`GET /api/v1/claims/{id}` (claim-service), constant rate, from the intended start: before the storm "
                + "p50 %.1f / p99 %.1f ms (n = %d); **during the storm p50 %.1f / p99 %.1f / p99.9 %.1f ms** (n = %d). "
                + "HTTP statuses: %s. During the storm per service, p50 / p99: consent-service %.1f / %.1f ms, "
                + "claim-service %.1f / %.1f ms.", before.p50(), before.p99(), before.count(), during.p50(), during.p99(),
                during.p999(), during.count(), apiStatuses, consentDuring.p50(), consentDuring.p99(), claimDuring.p50(),
                claimDuring.p99());
        report.line("- Downstream, claim-service receives a `consent.window-elapsed` for each synthetic claim it does "
                + "not know and dead-letters it as a poison event, so the storm also loads claim-service and the DLT.");
        report.line("- CPU cores busy from the due instant until the last firing: %s (the machine has %d).",
                String.join(", ", stormCores.entrySet().stream()
                        .map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue())).toList()),
                Runtime.getRuntime().availableProcessors());
        if (!profile.isEmpty()) {
            report.line("");
            report.line("### JFR profile of the timer storm (`-Dbenchmark.jfr=true`; recordings next to this report)");
            report.line("");
            profile.forEach(report::line);
        }
        report.line("");
        report.line("![timer firings per second](timer-storm.png)");
        report.line("");
        report.line("![API latency during the storm](api-latency-during-storm.png)");
        Charts.save(output.resolve("timer-storm.png"), String.format("%,d consent timers due at once (%,d pending in all)",
                        due, stored.pending()), "seconds after the due instant", "timers fired per second", false,
                List.of(new Charts.Series("fired/s", result.firedPerSecond().stream().map(p -> p[0]).toList(),
                        result.firedPerSecond().stream().map(p -> p[1]).toList(), false)));
        List<double[]> sorted = apiSamples.stream().sorted(Comparator.comparingDouble(s -> s[0])).toList();
        double offset = Duration.between(Instant.now().minusNanos(System.nanoTime() - apiStart), dueAt).toMillis() / 1000.0;
        Charts.save(output.resolve("api-latency-during-storm.png"),
                "API read latency (from intended start) around the timer storm (due instant at 0 s)",
                "seconds relative to the due instant", "ms (log scale)", true, List.of(new Charts.Series("GET latency",
                        sorted.stream().map(s -> s[0] - offset).toList(), sorted.stream().map(s -> s[1]).toList(), true)));
    }

    // ---------------------------------------------------------------- ratios

    private void ratios(List<Step> steps, Baselines.KafkaRate kafka, Baselines.PgbenchRate pgbench) {
        report.section("Ratios to the machine's limits");
        Step best = bestStep != null ? bestStep : steps.getFirst();
        double claimsPerSecond = best.achieved();
        double dbShare = best.commitsPerClaim() * claimsPerSecond / pgbench.tps();
        double eventsPerSecond = best.eventsPerClaim() * claimsPerSecond;
        double kafkaShare = eventsPerSecond / kafka.producedPerSecond();
        report.line("At the highest sustainable intake step (%.0f claims/s offered, %.1f achieved):", best.rate(),
                claimsPerSecond);
        report.line("");
        report.line("- Database: %.1f commits per claim × %.1f claims/s = %.0f commits/s ÷ pgbench %,.0f TPS = **%.1f %%**",
                best.commitsPerClaim(), claimsPerSecond, best.commitsPerClaim() * claimsPerSecond, pgbench.tps(),
                dbShare * 100);
        report.line("- Kafka: %.1f events per claim × %.1f claims/s = %.0f events/s ÷ producer %,.0f records/s = **%.2f %%**",
                best.eventsPerClaim(), claimsPerSecond, eventsPerSecond, kafka.producedPerSecond(), kafkaShare * 100);
        report.line("");
        Step limit = steps.getLast();
        double busy = limit.cores().values().stream().mapToDouble(Double::doubleValue).sum();
        int cpus = Runtime.getRuntime().availableProcessors();
        String busiest = limit.cores().entrySet().stream().max(Map.Entry.comparingByValue())
                .map(entry -> String.format("%s %.2f cores", entry.getKey(), entry.getValue())).orElse("");
        report.line("At the last step offered (%.0f claims/s) the measured processes kept %.2f of the machine's %d cores "
                + "busy (busiest: %s). %s", limit.rate(), busy, cpus, busiest, busy >= 0.85 * cpus
                ? "The knee is where the CPUs run out, long before PostgreSQL's commit rate or Kafka's produce rate."
                : "The CPUs were not saturated by the platform at the knee; compare the load average (other work on the "
                + "machine) in the intake table.");
        report.line("");
    }

    // ---------------------------------------------------------------- output

    private void finish() {
        try {
            Files.writeString(output.resolve("report.md"), report.text());
            Path latest = output.getParent().resolve("latest");
            if (Files.exists(latest)) {
                try (Stream<Path> old = Files.walk(latest)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(latest);
            try (Stream<Path> files = Files.list(output)) {
                for (Path file : files.toList()) {
                    Files.copy(file, latest.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.out.println("Report: " + output.resolve("report.md") + " (and " + latest + ")");
        } catch (IOException e) {
            e.printStackTrace();
        }
        if (tap != null) {
            tap.close();
        }
        if (mailWatcher != null) {
            mailWatcher.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static boolean until(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(Duration.ofMillis(100));
        }
        return false;
    }

    static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Markdown report being written. */
    static final class Report {
        private final StringBuilder text = new StringBuilder();

        void title(String title) {
            text.append("# ").append(title).append("\n\n");
        }

        void section(String title) {
            text.append("\n## ").append(title).append("\n\n");
        }

        void line(String format, Object... args) {
            text.append(args.length == 0 ? format : String.format(format, args)).append('\n');
        }

        String text() {
            return text.toString();
        }
    }
}
