package com.cpor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes what a run did and found as Markdown (counts per oracle, recovery time per fault). */
final class ReliabilityReport {

    private ReliabilityReport() {
    }

    static void write(Path file, String profile, long seed, Duration elapsed, List<ClaimRun> runs, FaultCampaign campaign,
                      Oracles oracles) {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability run (").append(profile).append(")\n\n");
        md.append("Finished ").append(Instant.now()).append(", took ").append(elapsed.toSeconds()).append(" s, seed ")
                .append(seed).append(".\n\n");

        md.append("## Claims\n\n| Ending | Acknowledged | Finished | Declines acknowledged | Median lifecycle (s) |\n|---|---|---|---|---|\n");
        Map<String, List<ClaimRun>> byEnding = new java.util.LinkedHashMap<>();
        // canaries are checked by the oracles but not counted toward the suite's claims
        runs.stream().sorted(java.util.Comparator.comparing((ClaimRun run) -> run.canary).thenComparing(run -> run.ending))
                .forEach(run -> byEnding.computeIfAbsent(run.canary ? "canary (" + run.ending + ")" : run.ending.toString(),
                        any -> new java.util.ArrayList<>()).add(run));
        byEnding.forEach((ending, list) -> md.append("| ").append(ending).append(" | ")
                .append(list.stream().filter(ClaimRun::acknowledged).count()).append(" | ")
                .append(list.stream().filter(run -> run.finishedAt != null).count()).append(" | ")
                .append(list.stream().filter(run -> run.declineAcknowledged).count()).append(" | ")
                .append(median(list)).append(" |\n"));

        md.append("\n## Oracles\n\n| Oracle | Checked | Violations | Meaning |\n|---|---|---|---|\n");
        oracles.verdicts.values().forEach(verdict -> md.append("| ").append(verdict.name).append(" | ")
                .append(verdict.checked).append(" | ").append(verdict.violations.size()).append(" | ")
                .append(verdict.meaning).append(" |\n"));

        md.append("\n## Faults and recovery\n\nRecovery = from the fault until a canary claim submitted at that moment "
                + "got its customer's consent e-mail (claim → review → claim → consent → notification).\n\n"
                + "| Fault | Recovery (s) | Detail |\n|---|---|---|\n");
        campaign.faults.forEach(fault -> md.append("| ").append(fault.name()).append(" | ")
                .append(fault.recovery() == null ? "**not recovered**" : String.format("%.1f", fault.recovery().toMillis() / 1000.0))
                .append(" | ").append(fault.detail()).append(" |\n"));

        appendFiguresAndViolations(md, "De-duplication and dead letters", campaign, oracles);
        write(file, md);
    }

    /** The figures every campaign reports (replays, discarded redeliveries, the oracles' own) and the violations. */
    static void appendFiguresAndViolations(StringBuilder md, String heading, FaultCampaign campaign, Oracles oracles) {
        md.append("\n## ").append(heading).append("\n\n| Figure | Value |\n|---|---|\n");
        campaign.replayedRecords.forEach((topic, count) -> md.append("| records replayed on ").append(topic)
                .append(" | ").append(count).append(" |\n"));
        campaign.duplicatesDiscarded.forEach((service, count) -> md.append("| redeliveries discarded by ")
                .append(service).append(" (cpor_inbox_events_total{outcome=\"duplicate\"}) | ").append(count).append(" |\n"));
        campaign.sendRecordKills.forEach(kill -> md.append("| SIGKILL between SMTP send and SENT: notification ")
                .append(kill.notificationId()).append(" | ").append(kill.statusAtKill())
                .append(kill.inWindow() ? " at the kill: in the window" : ": NOT in the window").append(" |\n"));
        oracles.figures.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));

        List<String> violations = oracles.violations();
        md.append("\n## Violations\n\n").append(violations.isEmpty() ? "None.\n" : "");
        violations.stream().limit(200).forEach(violation -> md.append("- ").append(violation).append('\n'));
    }

    static void write(Path file, StringBuilder md) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String median(List<ClaimRun> runs) {
        List<Long> seconds = runs.stream().map(ClaimRun::duration).filter(java.util.Objects::nonNull)
                .map(Duration::toSeconds).sorted().toList();
        return seconds.isEmpty() ? "-" : String.valueOf(seconds.get(seconds.size() / 2));
    }
}
