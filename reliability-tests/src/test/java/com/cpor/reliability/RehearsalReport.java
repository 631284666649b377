package com.cpor.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rehearsal's report: per fault the claims it touched, how many of them were lost (not in their expected final
 * state) or had an effect twice (transition, hand-off, consent window or e-mail), whether the dead-letter topics hold
 * exactly the injected poison, and the recovery time; then the oracles, the hostile requests' answers and the notes.
 */
final class RehearsalReport {

    private static final String FINAL_STATE = "acknowledged claim reached its final state";
    private static final String DEAD_LETTERS = "dead-letter topics hold exactly the poison";

    private RehearsalReport() {
    }

    static void write(Path file, Map<String, String> settings, Map<String, String> notes, Map<String, String> loadAtFault,
                      Duration elapsed, List<ClaimRun> runs, FaultCampaign campaign, Oracles oracles,
                      List<HostileInputs.Answer> hostile) {
        StringBuilder md = new StringBuilder();
        md.append("# Rehearsal (issue 12, item 9)\n\nFinished ").append(Instant.now()).append(", took ")
                .append(elapsed.toSeconds()).append(" s.\n\n| Setting | Value |\n|---|---|\n");
        settings.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));

        Oracles.Verdict deadLetters = oracles.verdicts.get(DEAD_LETTERS);
        String dlt = deadLetters == null ? "not checked"
                : deadLetters.violations.isEmpty() ? "yes (" + deadLetters.checked + " DLT × group sets)" : "**NO**";
        md.append("\n## Per fault\n\nClaims = acknowledged claims in flight at some moment between the fault and its "
                + "recovery (acknowledged before the canary got through, not finished before the fault). Lost = of "
                + "those, not in their expected final state. Duplicate effects = of those, a transition, hand-off, "
                + "consent window or e-mail not exactly once. DLTs are checked once for the whole run (poison is "
                + "injected at the start and in the combined fault). Recovery = from the fault until a canary claim "
                + "submitted at that moment got its customer's consent e-mail (all four services).\n\n"
                + "| Fault | Load (1/5/15) | Claims | Lost | Duplicate effects | DLT = injected poison only | Recovery (s) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (FaultCampaign.Fault fault : campaign.faults) {
            Instant until = fault.recovery() != null ? fault.at().plus(fault.recovery())
                    : fault.repaired() != null ? fault.repaired() : Instant.now();
            List<ClaimRun> touched = runs.stream().filter(ClaimRun::acknowledged)
                    .filter(run -> run.acknowledgedAt != null && !run.acknowledgedAt.isAfter(until))
                    .filter(run -> run.finishedAt == null || run.finishedAt.isAfter(fault.at()))
                    .toList();
            long lost = touched.stream().filter(run -> violated(oracles, run).contains(FINAL_STATE)).count();
            long duplicates = touched.stream().filter(run -> violated(oracles, run).stream()
                    .anyMatch(name -> !name.equals(FINAL_STATE))).count();
            md.append("| ").append(fault.name()).append(" | ")
                    .append(loadAtFault.entrySet().stream().filter(entry -> fault.name().startsWith(entry.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse("-"))
                    .append(" | ").append(touched.size()).append(" | ").append(lost).append(" | ").append(duplicates)
                    .append(" | ").append(dlt).append(" | ")
                    .append(fault.recovery() == null ? "**not recovered**"
                            : String.format("%.1f", fault.recovery().toMillis() / 1000.0))
                    .append(" |\n");
        }

        md.append("\n## Oracles (whole run)\n\n| Oracle | Checked | Violations |\n|---|---|---|\n");
        oracles.verdicts.values().forEach(verdict -> md.append("| ").append(verdict.name).append(" | ")
                .append(verdict.checked).append(" | ").append(verdict.violations.size()).append(" |\n"));

        md.append("\n## Hostile requests\n\n| Request | Answer | Time (s) | Body |\n|---|---|---|---|\n");
        hostile.forEach(answer -> md.append("| ").append(answer.request()).append(" | ")
                .append(answer.status() < 0 ? "no answer" : String.valueOf(answer.status())).append(" | ")
                .append(String.format("%.1f", answer.took().toMillis() / 1000.0)).append(" | `")
                .append(answer.body().replace("|", "\\|").replace("`", "'").replace("\n", " ")).append("` |\n"));

        md.append("\n## Notes\n\n");
        notes.forEach((key, value) -> md.append("- **").append(key).append("**: ").append(value).append('\n'));
        campaign.faults.forEach(fault -> {
            if (!fault.detail().isBlank()) {
                md.append("- **").append(fault.name()).append("**: ").append(fault.detail()).append('\n');
            }
        });

        ReliabilityReport.appendFiguresAndViolations(md, "Figures", campaign, oracles);
        ReliabilityReport.write(file, md);
    }

    private static Set<String> violated(Oracles oracles, ClaimRun run) {
        return oracles.violatedByClaim.getOrDefault(run.claimId, Set.of());
    }
}
