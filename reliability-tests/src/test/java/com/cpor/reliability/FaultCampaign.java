package com.cpor.reliability;

import com.cpor.events.Topics;
import com.cpor.localstack.Platform;
import com.cpor.localstack.ServiceProcess;
import com.cpor.platform.testsupport.EventProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The faults, injected while {@link Load} keeps claims in flight. After each fault a canary claim is submitted
 * at once; the recovery time is from the fault until the canary's consent e-mail was accepted by SMTP, a path
 * through all four services (claim → review → claim → consent → claim, notification).
 */
final class FaultCampaign implements AutoCloseable {

    /** A fault: injected at {@code at}, repaired (the dependency back) at {@code repaired}. */
    record Fault(String name, String detail, Duration recovery, Instant at, Instant repaired) {

        Fault(String name, String detail, Duration recovery) {
            this(name, detail, recovery, null, null);
        }
    }

    private final Platform platform;
    private final Load load;
    private final Duration recoveryBound;
    private final Random random;
    private final ExecutorService canaries = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "canary");
        thread.setDaemon(true);
        return thread;
    });
    private final ClaimDriver canaryDriver;
    private final EventProbe injector;
    final List<Fault> faults = new ArrayList<>();
    final List<PoisonMessages.Poison> poisons = new ArrayList<>();
    /** redeliveries the inboxes discarded, carried over the restarts that reset the counters */
    final Map<String, Long> duplicatesDiscarded = new LinkedHashMap<>();
    final Map<String, Long> replayedRecords = new LinkedHashMap<>();
    /** the kills aimed between an SMTP send and its SENT record */
    final List<SendRecordKill> sendRecordKills = new ArrayList<>();
    /**
     * SIGKILLs of notification-service instances and PostgreSQL stops or crashes: each may cut a sending between the
     * SMTP server's acceptance and the SENT record, so that the one mail is sent again
     */
    int sendingInterruptions;
    private final Set<String> replayedClaims = new HashSet<>();

    FaultCampaign(Platform platform, Load load, Duration recoveryBound, long seed, Duration stepTimeout) {
        this.platform = platform;
        this.load = load;
        this.recoveryBound = recoveryBound;
        this.random = new Random(seed);
        this.canaryDriver = new ClaimDriver(stepTimeout);
        this.injector = new EventProbe(platform.kafkaBootstrapServers(), Topics.CLAIMS);
        Platform.SERVICES.forEach(service -> duplicatesDiscarded.put(service, 0L));
    }

    /** SIGKILL some services at a random moment of the flow, start them again. */
    void killAndRestart(String... services) {
        pauseRandomly();
        recover("SIGKILL " + String.join(" + ", services), "killed at a random moment with claims in flight, then started again",
                () -> List.of(services).forEach(this::kill),
                () -> restart(services));
    }

    /**
     * SIGKILL notification-service inside the window between the SMTP send and the SENT record: the relay holds the
     * SMTP server's acceptance of the next mail, so the capture has the mail while the sender has not recorded it.
     * Nothing is killed when no mail comes (that is recorded as a fault that did not happen, and fails the suite);
     * whether the kill landed in the window is read from the notification log right after it.
     */
    void killNotificationsBetweenSendAndRecord() {
        String name = "SIGKILL notification-service between an SMTP send and its SENT record";
        SmtpHold relay = ReliabilityPlatform.smtpHold();
        SmtpHold.Hold hold = relay.holdNextAcceptance();
        String notificationId = hold.awaitHeld(Duration.ofSeconds(60));
        if (notificationId == null) {
            relay.disarm(hold);
            sendRecordKills.add(new SendRecordKill(null, "no mail was sent within 60 s: nothing killed"));
            faults.add(new Fault(name, "NOT INJECTED: no mail was sent within 60 s", null, Instant.now(), null));
            return;
        }
        recover(name, "the SMTP server's acceptance of notification " + notificationId
                        + " held until the SIGKILL, then started again",
                () -> {
                    kill("notification-service");
                    sendRecordKills.add(new SendRecordKill(notificationId, notificationStatus(notificationId)));
                    hold.release();
                },
                () -> restart("notification-service"));
    }

    /**
     * A SIGKILL of notification-service aimed between an SMTP send and its SENT record.
     *
     * @param notificationId the notification whose mail the SMTP server had accepted (null: no mail came, no kill)
     * @param statusAtKill   its status in the notification log once the process was dead
     */
    record SendRecordKill(String notificationId, String statusAtKill) {

        /** The kill landed in the window: the mail was accepted and the log did not say SENT. */
        boolean inWindow() {
            return notificationId != null && !"SENT".equals(statusAtKill);
        }
    }

    private String notificationStatus(String notificationId) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                platform.jdbcUrl("notification-service"), platform.postgres().username(), platform.postgres().password());
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT status FROM notification WHERE notification_id::text = ?")) {
            query.setString(1, notificationId);
            try (java.sql.ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : "no row";
            }
        } catch (java.sql.SQLException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** A second instance joins the consumer groups (rebalance), works for a while, then leaves abruptly or gracefully. */
    void extraInstanceJoinsAndLeaves(String service, Duration stay, boolean abruptly) {
        Instant started = Instant.now();
        ServiceProcess extra = platform.startExtraInstance(service);
        Duration joining = Duration.between(started, Instant.now());
        pause(stay);
        recover("second " + service + " joins and leaves" + (abruptly ? " (SIGKILL)" : " (SIGTERM)"),
                "started in " + joining.toSeconds() + " s on port " + extra.port() + ", worked " + stay.toSeconds()
                        + " s alongside the first, then left",
                () -> {
                    if (abruptly) {
                        kill(service, extra);
                    } else {
                        carryDuplicates(service, extra);
                        extra.stop();
                    }
                },
                () -> { });
    }

    void restartPostgres(Duration down) {
        pauseRandomly();
        recover("PostgreSQL restart", "stopped under load for " + down.toSeconds() + " s, started again with the same data and port",
                this::stopPostgres,
                () -> {
                    pause(down);
                    platform.startPostgres();
                });
    }

    /** Everything at once: two services killed, PostgreSQL down, poison and replayed events arriving meanwhile. */
    void combined(Duration postgresDown, int replayClaims) {
        pauseRandomly();
        recover("combined: SIGKILL claim-service + notification-service, PostgreSQL restart, poison, replay",
                "all injected within a second, repaired in order PostgreSQL then services",
                () -> {
                    kill("claim-service");
                    kill("notification-service");
                    stopPostgres();
                    injectPoison("combined");
                    replay(replayClaims);
                },
                () -> {
                    pause(postgresDown);
                    platform.startPostgres();
                    restart("claim-service", "notification-service");
                });
    }

    void injectPoison(String round) {
        poisons.addAll(PoisonMessages.inject(injector, round));
    }

    /**
     * Re-publishes every record of {@code claims} finished claims on the consumed topics, key, value and
     * CloudEvents headers unchanged: what a producer retry, an offset reset or an operator's replay delivers.
     */
    int replay(int claims) {
        List<String> chosen = load.finished().stream().map(run -> run.claimId)
                .filter(id -> !replayedClaims.contains(id)).limit(claims).toList();
        replayedClaims.addAll(chosen);
        Set<String> keys = Set.copyOf(chosen);
        int sent = 0;
        try (EventProbe reader = new EventProbe(platform.kafkaBootstrapServers(), Topics.CLAIMS, Topics.REVIEWS,
                Topics.CONSENTS)) {
            for (ConsumerRecord<String, String> record : Oracles.drainUntilQuiet(reader)) {
                if (record.key() == null || !keys.contains(record.key())) {
                    continue;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
                injector.send(record.topic(), record.key(), record.value(), headers);
                replayedRecords.merge(record.topic(), 1L, Long::sum);
                sent++;
            }
        }
        return sent;
    }

    /** Records a fault: injects it, starts a canary at once, repairs, and waits for the canary to get through. */
    private void recover(String name, String detail, Runnable inject, Runnable repair) {
        recover(name, detail, inject, repair, recoveryBound);
    }

    /** As above, with the bound counted from the fault (a long outage needs its length on top). */
    Fault recover(String name, String detail, Runnable inject, Runnable repair, Duration bound) {
        Instant faultAt = Instant.now();
        inject.run();
        ClaimRun canary = ClaimDriver.newCanary();
        load.track(canary);
        canaries.submit(() -> canaryDriver.drive(canary));
        repair.run();
        Instant repaired = Instant.now();
        Instant deadline = faultAt.plus(bound);
        Duration recovery = null;
        while (Instant.now().isBefore(deadline) && canary.failure == null) {
            if (!platform.mail().messagesTo(canary.customerEmail).isEmpty()) {
                recovery = Duration.between(faultAt, Instant.now());
                break;
            }
            pause(Duration.ofMillis(200));
        }
        Fault fault = new Fault(name, detail, recovery, faultAt, repaired);
        faults.add(fault);
        return fault;
    }

    /** SIGKILL of one instance (not necessarily the first), keeping what its inbox counted. */
    void kill(String service, ServiceProcess process) {
        carryDuplicates(service, process);
        if (service.equals("notification-service") && process.isRunning()) {
            sendingInterruptions++;
        }
        process.kill();
    }

    private void kill(String service) {
        kill(service, platform.service(service));
    }

    /** PostgreSQL stopped (connections refused) while the load runs. */
    void stopPostgres() {
        sendingInterruptions++;
        platform.stopPostgres();
    }

    /** PostgreSQL crashed (SIGKILL of the postmaster). @return its pid */
    long killPostgres() {
        sendingInterruptions++;
        return platform.killPostgres();
    }

    /** What the oracles must account for: the interruptions that may re-send a mail, and the sendings a kill cut off. */
    Oracles.Faults oracleFaults() {
        return new Oracles.Faults(sendingInterruptions, sendRecordKills.stream().filter(SendRecordKill::inWindow)
                .map(SendRecordKill::notificationId).collect(java.util.stream.Collectors.toSet()));
    }

    /** Inbox counters start at zero with each process: keep what a process counted before it goes. */
    private void carryDuplicates(String service, ServiceProcess process) {
        long counted = ServiceMetrics.duplicatesDiscarded(process);
        if (counted > 0) {
            duplicatesDiscarded.merge(service, counted, Long::sum);
        }
    }

    /** Adds what the running instances counted so far (call once at the end). */
    void collectDuplicates() {
        Platform.SERVICES.forEach(service -> platform.instances(service).stream().filter(ServiceProcess::isRunning)
                .forEach(instance -> carryDuplicates(service, instance)));
    }

    private void restart(String... services) {
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (String service : services) {
            starting.add(CompletableFuture.runAsync(() -> {
                ServiceProcess process = platform.service(service);
                process.start();
                process.awaitHealthy(Duration.ofMinutes(3));
            }));
        }
        starting.forEach(CompletableFuture::join);
    }

    private void pauseRandomly() {
        pause(Duration.ofMillis(random.nextInt(3000)));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the canaries still in flight, so the oracles see them finished. */
    void awaitCanaries(Duration timeout) throws InterruptedException {
        canaries.shutdown();
        if (!canaries.awaitTermination(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Canary claims still in flight after " + timeout);
        }
    }

    @Override
    public void close() {
        canaries.shutdownNow();
        injector.close();
    }
}
