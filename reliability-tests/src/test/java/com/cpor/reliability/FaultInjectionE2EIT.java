package com.cpor.reliability;

import com.cpor.localstack.Platform;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives claims through every ending while services are killed and restarted, a second instance joins and
 * leaves, PostgreSQL restarts, events are replayed and poison messages arrive — one at a time, then combined —
 * and checks that nothing acknowledged is lost, nothing is applied twice, order is kept and every fault heals.
 * Sized by {@code reliability.claims}, {@code reliability.rounds} and {@code reliability.threads}; writes
 * {@code target/reliability-report.md}.
 */
class FaultInjectionE2EIT {

    private static final int CLAIMS = Integer.getInteger("reliability.claims", 24);
    private static final int ROUNDS = Integer.getInteger("reliability.rounds", 1);
    private static final int THREADS = Integer.getInteger("reliability.threads", 4);
    private static final long SEED = Long.getLong("reliability.seed", System.nanoTime());
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(Long.getLong("reliability.recovery-bound-seconds", 150));
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void acknowledged_claims_survive_crashes_rebalances_restarts_replays_and_poison_with_every_effect_once() throws Exception {
        Platform platform = ReliabilityPlatform.get();
        Instant began = Instant.now();
        Oracles oracles = new Oracles(platform);
        try (Load load = new Load(CLAIMS, THREADS, STEP_TIMEOUT);
             FaultCampaign campaign = new FaultCampaign(platform, load, RECOVERY_BOUND, SEED, STEP_TIMEOUT)) {
            load.start();
            assertThat(load.awaitFinished(1, Instant.now().plus(STEP_TIMEOUT)))
                    .as("a claim gets through before any fault; claims: %s", load.runs()).isTrue();

            // one at a time
            campaign.injectPoison("one-at-a-time");
            for (int round = 0; round < ROUNDS; round++) {
                if (ROUNDS == 1) {
                    // fast profile: each service killed once, two of them together to save a restart
                    campaign.killAndRestart("claim-service", "review-service");
                    campaign.killAndRestart("consent-service");
                } else {
                    campaign.killAndRestart("claim-service");
                    campaign.killAndRestart("review-service");
                    campaign.killAndRestart("consent-service");
                }
                campaign.killNotificationsBetweenSendAndRecord();
                if (ROUNDS == 1) {
                    campaign.extraInstanceJoinsAndLeaves("consent-service", Duration.ofSeconds(10), true);
                } else {
                    for (String service : Platform.SERVICES) {
                        campaign.extraInstanceJoinsAndLeaves(service, Duration.ofSeconds(15), round % 2 == 0);
                    }
                }
                campaign.replay(Math.max(4, CLAIMS / 10));
                campaign.restartPostgres(Duration.ofSeconds(5));
                // then combined
                campaign.combined(Duration.ofSeconds(5), Math.max(4, CLAIMS / 10));
                if (ROUNDS > 1) {
                    campaign.killAndRestart("review-service", "consent-service");
                }
            }

            load.finish(Duration.ofMinutes(10));
            campaign.awaitCanaries(Duration.ofMinutes(5));
            campaign.collectDuplicates();
            oracles.check(load.runs(), campaign.poisons, campaign.oracleFaults());
            ReliabilityReport.write(Path.of(System.getProperty("reliability.report", "target/reliability-report.md")),
                    ROUNDS == 1 && CLAIMS < 100 ? "fast" : "long", SEED, Duration.between(began, Instant.now()),
                    load.runs(), campaign, oracles);

            assertThat(oracles.violations()).as("oracle violations (see target/reliability-report.md)").isEmpty();
            assertThat(campaign.faults).as("every fault recovered within " + RECOVERY_BOUND)
                    .allSatisfy(fault -> assertThat(fault.recovery()).as(fault.name()).isNotNull());
            assertThat(campaign.replayedRecords.values().stream().mapToLong(Long::longValue).sum()).isPositive();
            assertThat(campaign.duplicatesDiscarded).as("the inboxes discarded the replayed redeliveries")
                    .allSatisfy((service, discarded) -> assertThat(discarded).as(service).isPositive());
            assertThat(load.runs().stream().filter(run -> run.acknowledged() && !run.canary).count())
                    .as("claims of the load acknowledged (canaries not counted)").isGreaterThanOrEqualTo(CLAIMS);
            assertThat(campaign.sendRecordKills).as("the kills aimed between an SMTP send and its SENT record happened "
                    + "and landed in that window (the notification log did not say SENT)").isNotEmpty()
                    .allSatisfy(kill -> assertThat(kill.inWindow()).as(kill.toString()).isTrue());
        }
    }
}
