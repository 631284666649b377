package com.cpor.reliability;

import com.cpor.events.Topics;
import com.cpor.localstack.Platform;
import com.cpor.localstack.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production-like rehearsal of issue 12: three KRaft brokers as separate processes (replication factor 3,
 * {@code min.insync.replicas} 2, no topic auto-creation), one PostgreSQL server, two instances of every service and
 * a constant claim load; faults one at a time, then combined: SIGKILL of a broker five times (the active controller
 * among them), partition leader moves, a PostgreSQL crash (SIGKILL of the postmaster), a long PostgreSQL outage,
 * SIGKILL of service instances, a +1 h clock jump on one instance, hostile requests. The oracles of the reliability
 * suite decide; {@code target/rehearsal-report.md} gives claims, lost, duplicate effects, dead letters and recovery
 * time per fault. Run by {@code -Prehearsal} only (docs/reliability.md), never by {@code ./mvnw verify}.
 */
@EnabledIfSystemProperty(named = "cpor.rehearsal", matches = "true",
        disabledReason = "long: run with -Prehearsal (docs/reliability.md)")
class RehearsalE2EIT {

    private static final int CLAIMS = Integer.getInteger("rehearsal.claims", 60);
    private static final int THREADS = Integer.getInteger("rehearsal.threads", 6);
    /** 0 (the profile's default) or absent: a new seed per run */
    private static final long SEED = Long.getLong("rehearsal.seed", 0L) != 0 ? Long.getLong("rehearsal.seed") : System.nanoTime();
    private static final Duration POSTGRES_OUTAGE = Duration.parse(System.getProperty("rehearsal.postgres-outage", "PT10M"));
    private static final Duration BROKER_DOWN = Duration.parse(System.getProperty("rehearsal.broker-down", "PT20S"));
    private static final Duration CLOCK_JUMP_HOLD = Duration.parse(System.getProperty("rehearsal.clock-jump-hold", "PT60S"));
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(Long.getLong("rehearsal.recovery-bound-seconds", 240));
    /** fault groups to run (hostile, brokers, leaders, instances, postgres-crash, postgres-outage, clock, combined), or all */
    private static final Set<String> ONLY = Set.of(System.getProperty("rehearsal.only", "all").split(","));
    private static final int HOSTILE_EMAIL_LENGTH = Integer.getInteger("rehearsal.hostile-email-length", 40_000);
    /** a claim's step may wait out the whole PostgreSQL outage (the partner and the reviewer retry meanwhile) */
    private static final Duration STEP_TIMEOUT = POSTGRES_OUTAGE.plus(Duration.ofMinutes(3));
    /** Debian's libfaketime (package faketime): shifts the wall clock of one process, read from a file at run time */
    private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
    private static final Set<String> EVENT_TOPICS = Set.of(Topics.CLAIMS, Topics.REVIEWS, Topics.CONSENTS,
            Topics.INCENTIVE_EVALUATION);

    private final Map<String, String> notes = new LinkedHashMap<>();
    private final Map<String, String> loadAtFault = new LinkedHashMap<>();
    private List<HostileInputs.Answer> hostileAnswers = List.of();
    /** the consent-service instance whose wall clock can jump, if it started */
    private volatile ServiceProcess clockJumpable;
    private Throwable campaignFailure;

    @Test
    void a_cluster_of_three_brokers_two_instances_per_service_and_one_postgres_lose_nothing_through_crashes_outages_and_clock_jumps()
            throws Exception {
        Path home = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();
        Path target = home.resolve("end-to-end-tests/target");
        Instant began = Instant.now();
        String loadBefore = loadAverage();
        KafkaCluster cluster = new KafkaCluster(Files.createTempDirectory("cpor-kafka-cluster-"), 3);
        Platform platform = null;
        Path clockFile = target.resolve("rehearsal-clock-offset");
        try {
            cluster.start();
            notes.put("Kafka cluster", "3 KRaft nodes (broker + controller each), " + cluster.bootstrapServers()
                    + ", up in " + Duration.between(began, Instant.now()).toSeconds() + " s");
            platform = Platform.start(new Platform.Settings(home, null, Platform.Ports.free(), Map.of(
                    "*", Map.of(
                            // production defaults of issue 12, set explicitly in case a service's own default differs
                            "cpor.messaging.replication-factor", "3",
                            "cpor.messaging.min-insync-replicas", "2",
                            "spring.kafka.producer.acks", "all",
                            // no development defaults outside the dev profile (issue 12, item 8)
                            "cpor.consent.link-secret", randomKey(),
                            "cpor.consent.link-encryption-key", randomKey()),
                    "consent-service", Map.of("cpor.consent.policy.window", "PT20S")),
                    true, target.resolve("rehearsal-service-logs"), cluster));
            ReliabilityPlatform.use(platform);
            Map<String, ServiceProcess> second = startSecondInstances(platform, clockFile);
            notes.put("platform", "4 services x 2 instances, PostgreSQL " + platform.jdbcUrl("claim-service")
                    .replaceAll("/claims.*", "") + ", started in " + Duration.between(began, Instant.now()).toSeconds() + " s");

            Oracles oracles = new Oracles(platform);
            try (Load load = new Load(CLAIMS, THREADS, STEP_TIMEOUT);
                 FaultCampaign campaign = new FaultCampaign(platform, load, RECOVERY_BOUND, SEED, STEP_TIMEOUT)) {
                load.start();
                assertThat(load.awaitFinished(1, Instant.now().plus(Duration.ofMinutes(5))))
                        .as("a claim gets through before any fault; claims: %s", load.runs()).isTrue();
                try {
                    runFaults(campaign, cluster, platform, second, clockFile);
                } catch (RuntimeException | AssertionError e) {
                    // the claims so far are still checked and reported; the run fails below
                    notes.put("FAULT CAMPAIGN ABORTED", e.toString());
                    campaignFailure = e;
                }

                load.finish(Duration.ofMinutes(15));
                campaign.awaitCanaries(Duration.ofMinutes(5));
                campaign.collectDuplicates();
                oracles.check(load.runs(), campaign.poisons, campaign.oracleFaults());
                notes.put("machine load (1/5/15 min) at start / end", loadBefore + " / " + loadAverage());
                RehearsalReport.write(Path.of(System.getProperty("rehearsal.report", target.resolve("rehearsal-report.md").toString())),
                        settings(), notes, loadAtFault, Duration.between(began, Instant.now()), load.runs(), campaign,
                        oracles, hostileAnswers);

                assertThat(campaignFailure).as("the fault campaign ran to its end").isNull();
                assertThat(oracles.violations()).as("oracle violations (see target/rehearsal-report.md)").isEmpty();
                assertThat(campaign.faults).as("every fault recovered").allSatisfy(fault ->
                        assertThat(fault.recovery()).as(fault.name()).isNotNull());
                assertThat(hostileAnswers).as("hostile requests are refused with 400")
                        .allSatisfy(answer -> assertThat(answer.status()).as(answer.request()).isEqualTo(400));
            }
        } finally {
            if (platform != null) {
                platform.close();
            }
            cluster.stop();
            cluster.delete();
            Files.deleteIfExists(clockFile);
        }
    }

    /**
     * Runs the rehearsal outside Maven with the test classpath (see docs/reliability.md), so that a long run does not
     * occupy a build tool shared with others; the system properties are those of the {@code rehearsal} profile.
     */
    public static void main(String[] args) throws Exception {
        new RehearsalE2EIT()
                .a_cluster_of_three_brokers_two_instances_per_service_and_one_postgres_lose_nothing_through_crashes_outages_and_clock_jumps();
        System.out.println("Rehearsal passed: " + System.getProperty("rehearsal.report", "target/rehearsal-report.md"));
        System.exit(0);
    }

    /** A second instance of every service; consent-service's runs under libfaketime so its clock can jump. */
    private Map<String, ServiceProcess> startSecondInstances(Platform platform, Path clockFile) throws IOException {
        Map<String, java.util.concurrent.CompletableFuture<ServiceProcess>> starting = new LinkedHashMap<>();
        Files.writeString(clockFile, "+0\n");
        // the instance under libfaketime first and alone: its clock calls cost more, a busy machine slows its start most
        List<String> order = List.of("consent-service", "claim-service", "review-service", "notification-service");
        for (String service : order) {
            Map<String, String> environment = Map.of();
            if (service.equals("consent-service") && Files.exists(FAKETIME)) {
                environment = Map.of("LD_PRELOAD", FAKETIME.toString(),
                        "FAKETIME_TIMESTAMP_FILE", clockFile.toString(),
                        "FAKETIME_CACHE_DURATION", "1",
                        // only the wall clock jumps; the JVM's timeouts and sleeps run on the monotonic clock
                        "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                        // without it the JVM's timed waits return at once and its idle threads spin (measured)
                        "FAKETIME_FORCE_MONOTONIC_FIX", "0",
                        "NO_FAKE_STAT", "1");
            }
            Map<String, String> chosen = environment;
            starting.put(service, java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> startExtraInstance(platform, service, chosen)));
            if (service.equals("consent-service")) {
                starting.get(service).join();
            }
        }
        Map<String, ServiceProcess> second = new LinkedHashMap<>();
        starting.forEach((service, instance) -> second.put(service, instance.join()));
        return second;
    }

    /**
     * Starts an extra instance; one under libfaketime that does not get healthy is replaced by a plain instance
     * (the clock jump is then reported as not run, with the reason).
     */
    private ServiceProcess startExtraInstance(Platform platform, String service, Map<String, String> environment) {
        try {
            ServiceProcess instance = platform.startExtraInstance(service, environment);
            if (!environment.isEmpty()) {
                clockJumpable = instance;
            }
            return instance;
        } catch (IllegalStateException e) {
            if (environment.isEmpty()) {
                throw e;
            }
            List<ServiceProcess> all = platform.instances(service);
            all.getLast().kill();
            notes.put("clock jump", "NOT RUN: the instance started under libfaketime (LD_PRELOAD) did not get healthy: "
                    + e.getMessage() + "; a plain instance took its place");
            return platform.startExtraInstance(service);
        }
    }

    private void runFaults(FaultCampaign campaign, KafkaCluster cluster, Platform platform,
                           Map<String, ServiceProcess> second, Path clockFile) {
        // one at a time
        campaign.injectPoison("one-at-a-time");
        if (runs("hostile")) {
            hostile(campaign);
        }
        if (runs("brokers")) {
            killBrokers(campaign, cluster);
        }
        if (runs("leaders")) {
            moveLeaders(campaign, cluster);
        }
        if (runs("instances")) {
            for (String service : Platform.SERVICES) {
                ServiceProcess instance = service.equals("consent-service") ? platform.service(service) : second.get(service);
                killInstance(campaign, service, instance);
            }
        }
        if (runs("postgres-crash")) {
            crashPostgres(campaign, platform);
        }
        if (runs("postgres-outage")) {
            postgresOutage(campaign, platform);
        }
        if (runs("clock") && clockJumpable != null) {
            clockJump(campaign, clockJumpable, clockFile);
        }
        // combined: the fifth broker kill (the controller) with a PostgreSQL crash, an instance crash, leader moves,
        // poison and replayed events, all within seconds
        if (runs("combined")) {
            combined(campaign, cluster, platform, second);
        }
    }

    private static boolean runs(String faults) {
        return ONLY.contains("all") || ONLY.contains(faults);
    }

    private void killBrokers(FaultCampaign campaign, KafkaCluster cluster) {
        killBroker(campaign, cluster, "the active controller", () -> cluster.activeController());
        killBroker(campaign, cluster, "a broker that is not the controller", () -> {
            KafkaCluster.Node controller = cluster.activeController();
            return cluster.nodes().stream().filter(node -> node != controller).findFirst().orElseThrow();
        });
        killBroker(campaign, cluster, "the broker leading most event partitions", () -> cluster.busiestLeader(EVENT_TOPICS));
        killBroker(campaign, cluster, "the active controller (again)", () -> cluster.activeController());
    }

    private void hostile(FaultCampaign campaign) {
        campaign.recover("hostile requests (backtracking e-mail, NUL, oversized name)",
                "sent together while the load runs; answers below", () -> {
                    sampleLoad("hostile requests");
                    hostileAnswers = HostileInputs.send(HOSTILE_EMAIL_LENGTH);
                }, () -> { }, RECOVERY_BOUND);
    }

    private void killBroker(FaultCampaign campaign, KafkaCluster cluster, String which,
                            java.util.function.Supplier<KafkaCluster.Node> choose) {
        FaultCampaign.pause(Duration.ofSeconds(2));
        KafkaCluster.Node victim = choose.get();
        KafkaCluster.Node controllerBefore = cluster.activeController();
        String name = "SIGKILL broker " + victim.id + " (" + which + ")";
        StringBuilder detail = new StringBuilder();
        campaign.recover(name, "", () -> {
            sampleLoad(name);
            victim.kill();
        }, () -> {
            FaultCampaign.pause(BROKER_DOWN);
            KafkaCluster.Node controllerDuring = cluster.activeController();
            victim.start();
            victim.awaitListening(Duration.ofMinutes(3));
            Duration resync = cluster.awaitFullIsr(EVENT_TOPICS, Duration.ofMinutes(3));
            detail.append("controller before ").append(controllerBefore.id).append(", while down ")
                    .append(controllerDuring.id).append("; down ").append(BROKER_DOWN.toSeconds())
                    .append(" s; all replicas in sync ").append(resync == null ? "NOT within 3 min" : resync.toSeconds() + " s")
                    .append(" after restart");
        }, RECOVERY_BOUND);
        notes.put(name, detail.toString());
    }

    private void moveLeaders(FaultCampaign campaign, KafkaCluster cluster) {
        FaultCampaign.pause(Duration.ofSeconds(2));
        int[] moved = new int[1];
        campaign.recover("partition leader moves", "", () -> {
            sampleLoad("partition leader moves");
            moved[0] = cluster.moveLeaders(cluster.topics());
        }, () -> { }, RECOVERY_BOUND);
        notes.put("partition leader moves", moved[0] + " partitions (all topics, internal ones included) changed leader: "
                + "replicas rotated with alterPartitionReassignments, then a preferred-leader election");
    }

    private void killInstance(FaultCampaign campaign, String service, ServiceProcess instance) {
        FaultCampaign.pause(Duration.ofSeconds(2));
        String name = "SIGKILL " + service + " (instance on port " + instance.port() + ")";
        campaign.recover(name, "the other instance keeps serving; the killed one is started again", () -> {
            sampleLoad(name);
            campaign.kill(service, instance);
        }, () -> {
            instance.start();
            instance.awaitHealthy(Duration.ofMinutes(6));
        }, RECOVERY_BOUND);
    }

    private void crashPostgres(FaultCampaign campaign, Platform platform) {
        FaultCampaign.pause(Duration.ofSeconds(2));
        long[] pid = new long[1];
        Instant[] back = new Instant[1];
        Instant[] killedAt = new Instant[1];
        campaign.recover("PostgreSQL crash (SIGKILL of the postmaster)", "", () -> {
            sampleLoad("PostgreSQL crash");
            killedAt[0] = Instant.now();
            pid[0] = campaign.killPostgres();
        }, () -> {
            platform.startPostgres();
            back[0] = Instant.now();
        }, RECOVERY_BOUND);
        notes.put("PostgreSQL crash", "postmaster pid " + pid[0] + " killed; crash recovery and restart took "
                + Duration.between(killedAt[0], back[0]).toSeconds() + " s");
    }

    private void postgresOutage(FaultCampaign campaign, Platform platform) {
        FaultCampaign.pause(Duration.ofSeconds(2));
        String name = "PostgreSQL outage of " + POSTGRES_OUTAGE.toSeconds() + " s";
        campaign.recover(name, "stopped under load (connections refused), started again after the outage", () -> {
            sampleLoad(name);
            campaign.stopPostgres();
        }, () -> {
            FaultCampaign.pause(POSTGRES_OUTAGE);
            platform.startPostgres();
        }, POSTGRES_OUTAGE.plus(RECOVERY_BOUND));
    }

    private void clockJump(FaultCampaign campaign, ServiceProcess consent, Path clockFile) {
        FaultCampaign.pause(Duration.ofSeconds(2));
        if (!Files.exists(FAKETIME)) {
            notes.put("clock jump", "NOT RUN: " + FAKETIME + " is missing (apt-get install faketime)");
            return;
        }
        String name = "clock of consent-service instance " + consent.port() + " jumps +1 h";
        campaign.recover(name, "libfaketime offset file set to +1h for " + CLOCK_JUMP_HOLD.toSeconds()
                + " s under load, then back to +0 (the clock corrected)", () -> {
                    sampleLoad(name);
                    write(clockFile, "+1h\n");
                }, () -> {
                    FaultCampaign.pause(CLOCK_JUMP_HOLD);
                    write(clockFile, "+0\n");
                }, CLOCK_JUMP_HOLD.plus(RECOVERY_BOUND));
    }

    private void combined(FaultCampaign campaign, KafkaCluster cluster, Platform platform,
                          Map<String, ServiceProcess> second) {
        FaultCampaign.pause(Duration.ofSeconds(2));
        KafkaCluster.Node controller = cluster.activeController();
        ServiceProcess claims = second.get("claim-service");
        String name = "combined: SIGKILL broker " + controller.id + " (active controller) + PostgreSQL crash"
                + " + SIGKILL claim-service instance + leader moves + poison + replay";
        campaign.recover(name, "all within seconds; repaired in order PostgreSQL, broker, instance", () -> {
            sampleLoad("combined");
            controller.kill();
            campaign.killPostgres();
            campaign.kill("claim-service", claims);
            campaign.injectPoison("combined");
            try {
                cluster.moveLeaders(cluster.topics());
            } catch (RuntimeException e) {
                notes.put("combined: leader moves", "refused while a broker was down: " + e.getMessage());
            }
            campaign.replay(Math.max(4, CLAIMS / 10));
        }, () -> {
            platform.startPostgres();
            FaultCampaign.pause(BROKER_DOWN);
            controller.start();
            controller.awaitListening(Duration.ofMinutes(3));
            claims.start();
            claims.awaitHealthy(Duration.ofMinutes(6));
        }, RECOVERY_BOUND);
    }

    private void sampleLoad(String fault) {
        loadAtFault.put(fault, loadAverage());
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("claims (minimum; the load goes on until the faults are over)", String.valueOf(CLAIMS));
        settings.put("claims in flight (threads)", String.valueOf(THREADS));
        settings.put("PostgreSQL outage", POSTGRES_OUTAGE.toString());
        settings.put("broker down per kill", BROKER_DOWN.toString());
        settings.put("clock jump held", CLOCK_JUMP_HOLD.toString());
        settings.put("recovery bound", RECOVERY_BOUND.toString());
        settings.put("hostile e-mail length", String.valueOf(HOSTILE_EMAIL_LENGTH));
        settings.put("seed", String.valueOf(SEED));
        settings.put("faults", String.join(",", ONLY));
        settings.put("machine", Runtime.getRuntime().availableProcessors() + " CPUs, "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap of the test JVM");
        return settings;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
