package com.cpor.e2e.reliability;

import com.cpor.events.Topics;
import com.cpor.localstack.Platform;
import com.cpor.platform.testsupport.EventProbe;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The checks made at the end of every run, on what the users and downstream systems can observe: the claims
 * over the API, the records on the topics (including dead-letter topics), the notification log and consent
 * windows in the services' databases, and the e-mails the SMTP server accepted.
 */
final class Oracles {

    /** One oracle: how many things it checked and what it found wrong. */
    static final class Verdict {
        final String name;
        final String meaning;
        int checked;
        final List<String> violations = new ArrayList<>();

        Verdict(String name, String meaning) {
            this.name = name;
            this.meaning = meaning;
        }

        void check(boolean holds, String violation) {
            checked++;
            if (!holds) {
                violations.add(violation);
            }
        }
    }

    /** Figures that show the machinery worked (not pass/fail). */
    final Map<String, Long> figures = new LinkedHashMap<>();
    final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    /** per claim id, the oracles (by name) it violated: lets the rehearsal attribute violations to faults */
    final Map<String, Set<String>> violatedByClaim = new HashMap<>();

    private final Platform platform;
    private final ClaimDriver reader = new ClaimDriver(Duration.ofSeconds(30));

    Oracles(Platform platform) {
        this.platform = platform;
    }

    private Verdict verdict(String name, String meaning) {
        return verdicts.computeIfAbsent(name, key -> new Verdict(key, meaning));
    }

    List<String> violations() {
        return verdicts.values().stream().flatMap(v -> v.violations.stream().map(text -> v.name + ": " + text)).toList();
    }

    void check(List<ClaimRun> runs, List<PoisonMessages.Poison> poisons) throws SQLException {
        List<ConsumerRecord<String, String>> records;
        try (EventProbe probe = new EventProbe(platform.kafkaBootstrapServers(), Topics.CLAIMS, Topics.REVIEWS,
                Topics.CONSENTS, Topics.INCENTIVE_EVALUATION, Topics.deadLetterOf(Topics.CLAIMS),
                Topics.deadLetterOf(Topics.REVIEWS), Topics.deadLetterOf(Topics.CONSENTS))) {
            records = drainUntilQuiet(probe);
        }
        figures.put("records read from the topics", (long) records.size());
        Map<String, List<ConsumerRecord<String, String>>> byClaim = records.stream()
                .filter(record -> record.key() != null && !record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX))
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        Map<String, List<Notification>> notifications = notificationsByClaim();
        Map<String, Integer> consentWindows = consentWindowsByClaim();
        Map<String, Integer> smtpByMessageId = smtpDeliveriesByMessageId();

        long resentRecords = 0;
        for (ClaimRun run : runs) {
            if (!run.acknowledged()) {
                continue;
            }
            List<ConsumerRecord<String, String>> claimRecords = byClaim.getOrDefault(run.claimId, List.of());
            Map<String, Integer> before = new HashMap<>();
            verdicts.forEach((name, verdict) -> before.put(name, verdict.violations.size()));
            checkFinalState(run);
            resentRecords += checkTransitions(run, claimRecords);
            checkOnce(run, claimRecords, "association.ready-for-evaluation", Topics.INCENTIVE_EVALUATION,
                    run.ending.sentToEvaluation(run.declineAcknowledged) ? 1 : 0, "hand-off once");
            checkOnce(run, claimRecords, "consent.requested", Topics.CONSENTS, run.ending.approved() ? 1 : 0,
                    "consent window once");
            verdict("consent window once", "one consent window per approval (consent_window rows, ConsentRequested by distinct event id)")
                    .check(consentWindows.getOrDefault(run.claimId, 0) == (run.ending.approved() ? 1 : 0),
                            run + ": " + consentWindows.getOrDefault(run.claimId, 0) + " consent_window rows");
            checkMails(run, notifications.getOrDefault(run.claimId, List.of()), smtpByMessageId);
            verdicts.forEach((name, verdict) -> {
                if (verdict.violations.size() > before.getOrDefault(name, 0)) {
                    violatedByClaim.computeIfAbsent(run.claimId, any -> new java.util.TreeSet<>()).add(name);
                }
            });
        }
        figures.put("re-sent records (same ce_id seen again on a topic: outbox re-publish or replay)", resentRecords);
        figures.put("claims acknowledged", runs.stream().filter(ClaimRun::acknowledged).count());
        figures.put("create attempts without an answer (service down; retried, never counted as acknowledged)",
                runs.stream().mapToLong(run -> run.unacknowledgedCreates).sum());
        figures.put("SMTP deliveries", smtpByMessageId.values().stream().mapToLong(Integer::longValue).sum());
        figures.put("SMTP re-deliveries of a Message-ID (crash between SMTP send and SENT)",
                smtpByMessageId.values().stream().mapToLong(count -> count - 1).sum());
        checkDeadLetters(records, poisons);
    }

    private void checkFinalState(ClaimRun run) {
        Verdict verdict = verdict("acknowledged claim reached its final state",
                "every claim answered 201 exists and ends as its scenario says (status, rejection reason, sent to evaluation)");
        if (run.failure != null) {
            verdict.check(false, run.toString());
            return;
        }
        JsonNode claim;
        try {
            claim = reader.awaitClaim(run.claimId, any -> true);
        } catch (AssertionError e) {
            verdict.check(false, run + ": not readable: " + e.getMessage());
            return;
        }
        String reason = run.ending.rejectionReason(run.declineAcknowledged);
        boolean sent = claim.path("eligibility").path("sentAt").isString();
        boolean holds = reason == null
                ? "APPROVED".equals(claim.path("status").asString()) && sent
                : "REJECTED".equals(claim.path("status").asString())
                        && reason.equals(claim.path("rejection").path("reason").asString()) && !sent;
        verdict.check(holds, run + ": is " + claim.path("status").asString() + "/"
                + claim.path("rejection").path("reason").asString() + " sentAt=" + sent);
    }

    /** The distinct status changes, in offset order, are exactly the scenario's path and chain from EDITING. */
    private long checkTransitions(ClaimRun run, List<ConsumerRecord<String, String>> records) {
        Verdict once = verdict("transitions once and in order",
                "the claim's distinct ClaimStatusChanged events (by ce_id) in offset order are exactly the scenario's path, each from the previous status");
        Set<String> seen = new HashSet<>();
        List<String> path = new ArrayList<>();
        String previous = "EDITING";
        boolean chained = true;
        long resent = 0;
        for (ConsumerRecord<String, String> record : records) {
            if (!record.topic().equals(Topics.CLAIMS) || !"claim.status-changed".equals(EventProbe.header(record, "ce_type"))) {
                continue;
            }
            if (!seen.add(EventProbe.eventIdOf(record))) {
                resent++;
                continue;
            }
            JsonNode event = Http.JSON.readTree(record.value());
            chained &= previous.equals(event.path("fromStatus").asString());
            previous = event.path("toStatus").asString();
            path.add(previous);
        }
        List<String> expected = run.ending.expectedPath(run.declineAcknowledged);
        once.check(chained && path.equals(expected), run + ": path " + path + (chained ? "" : " (broken chain)")
                + ", expected " + expected);
        return resent;
    }

    private void checkOnce(ClaimRun run, List<ConsumerRecord<String, String>> records, String type, String topic,
                           int expected, String oracle) {
        long distinct = records.stream().filter(record -> record.topic().equals(topic))
                .filter(record -> type.equals(EventProbe.header(record, "ce_type")))
                .map(EventProbe::eventIdOf).distinct().count();
        String meaning = oracle.equals("hand-off once")
                ? "AssociationReadyForEvaluation on cpor.incentive-evaluation.v1 by distinct event id: 1 if sent to evaluation, else 0"
                : "one consent window per approval (consent_window rows, ConsentRequested by distinct event id)";
        verdict(oracle, meaning).check(distinct == expected, run + ": " + distinct + " distinct " + type + ", expected " + expected);
    }

    private void checkMails(ClaimRun run, List<Notification> rows, Map<String, Integer> smtpByMessageId) {
        Verdict verdict = verdict("e-mails once",
                "per claim exactly the scenario's templates per recipient, one notification row each, SENT, and accepted by SMTP under its Message-ID");
        Map<String, Map<String, Long>> templatesByRecipient = rows.stream().collect(Collectors.groupingBy(
                Notification::recipient, TreeMap::new, Collectors.groupingBy(Notification::template, TreeMap::new,
                        Collectors.counting())));
        Map<String, Long> customer = templatesByRecipient.getOrDefault(run.customerEmail, Map.of());
        Map<String, Long> partner = templatesByRecipient.getOrDefault(run.partnerEmail, Map.of());
        boolean once = templatesByRecipient.values().stream().flatMap(counts -> counts.values().stream())
                .allMatch(count -> count == 1);
        boolean expectedTemplates = customer.keySet().equals(run.ending.customerTemplates())
                && partner.keySet().equals(run.ending.partnerTemplates(run.declineAcknowledged));
        List<Notification> undelivered = rows.stream().filter(row -> !"SENT".equals(row.status())
                || smtpByMessageId.getOrDefault(row.id(), 0) == 0).toList();
        verdict.check(once && expectedTemplates && undelivered.isEmpty(), run + ": notification log " + templatesByRecipient
                + ", expected customer " + run.ending.customerTemplates() + " partner "
                + run.ending.partnerTemplates(run.declineAcknowledged) + ", not sent/accepted: " + undelivered);
    }

    /** The dead-letter topics hold exactly the injected poison messages, once per consumer group that must refuse them. */
    private void checkDeadLetters(List<ConsumerRecord<String, String>> records, List<PoisonMessages.Poison> poisons) {
        Verdict verdict = verdict("dead-letter topics hold exactly the poison",
                "per DLT and original consumer group (kafka_dlt-original-consumer-group) the distinct ce_ids equal the injected poison messages; no legitimate event is dead-lettered");
        Map<String, Set<String>> expected = new TreeMap<>();
        for (PoisonMessages.Poison poison : poisons) {
            for (String group : poison.expectedGroups()) {
                expected.computeIfAbsent(Topics.deadLetterOf(poison.topic()) + " / " + group, key -> new HashSet<>())
                        .add(poison.eventId());
            }
        }
        Map<String, Set<String>> actual = new TreeMap<>();
        Map<String, Long> raw = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                String key = record.topic() + " / " + EventProbe.header(record, "kafka_dlt-original-consumer-group");
                actual.computeIfAbsent(key, any -> new HashSet<>()).add(EventProbe.eventIdOf(record));
                raw.merge(key, 1L, Long::sum);
            }
        }
        for (String key : union(expected.keySet(), actual.keySet())) {
            Set<String> want = expected.getOrDefault(key, Set.of());
            Set<String> got = actual.getOrDefault(key, Set.of());
            verdict.check(want.equals(got), key + ": injected " + want.size() + ", dead-lettered " + got.size()
                    + (want.equals(got) ? "" : " (missing " + difference(want, got) + ", unexpected " + difference(got, want) + ")"));
            figures.put("dead-lettered (distinct ce_id) on " + key, (long) got.size());
            figures.put("dead-letter records on " + key, raw.getOrDefault(key, 0L));
        }
        figures.put("poison messages injected", (long) poisons.size());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new HashSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    static List<ConsumerRecord<String, String>> drainUntilQuiet(EventProbe probe) {
        int before = -1;
        List<ConsumerRecord<String, String>> records = probe.drain(Duration.ofSeconds(3));
        while (records.size() != before) {
            before = records.size();
            records = probe.drain(Duration.ofSeconds(2));
        }
        return records;
    }

    record Notification(String id, String claimId, String template, String recipient, String status) {
    }

    private Map<String, List<Notification>> notificationsByClaim() throws SQLException {
        Map<String, List<Notification>> rows = new HashMap<>();
        try (Connection connection = connect("notification-service"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT notification_id, claim_id, template, recipient, status FROM notification")) {
            while (result.next()) {
                Notification row = new Notification(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4).toLowerCase(), result.getString(5));
                rows.computeIfAbsent(row.claimId(), any -> new ArrayList<>()).add(row);
            }
        }
        return rows;
    }

    private Map<String, Integer> consentWindowsByClaim() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = connect("consent-service"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT claim_id, count(*) FROM consent_window GROUP BY claim_id")) {
            while (result.next()) {
                counts.put(result.getString(1), result.getInt(2));
            }
        }
        return counts;
    }

    /** SMTP deliveries per notification id (the local part of the deterministic Message-ID). */
    private Map<String, Integer> smtpDeliveriesByMessageId() {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage message : platform.mail().messages()) {
            String messageId = Objects.requireNonNullElse(Mails.messageIdOf(message), "");
            String id = messageId.replaceAll("^<", "").replaceAll("@.*$", "");
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    private Connection connect(String service) throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(service), platform.postgres().username(),
                platform.postgres().password());
    }
}
