package com.cpor.reliability;

import com.cpor.apiclient.ApiClient;
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
import java.time.Instant;
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

    /** @param platform where the run's outcome is read; null when a test plants the {@link Observations} */
    Oracles(Platform platform) {
        this.platform = platform;
    }

    private Verdict verdict(String name, String meaning) {
        return verdicts.computeIfAbsent(name, key -> new Verdict(key, meaning));
    }

    List<String> violations() {
        return verdicts.values().stream().flatMap(v -> v.violations.stream().map(text -> v.name + ": " + text)).toList();
    }

    /** What the fault campaign did that the oracles must account for. */
    record Faults(int sendingInterruptions, Set<String> cutSendings) {

        static final Faults NONE = new Faults(0, Set.of());
    }

    /** What the run left behind, read once at the end (or planted by a test of the oracles). */
    record Observations(List<ConsumerRecord<String, String>> records, Map<String, JsonNode> claims,
                        List<Notification> notifications, List<ConsentWindow> consentWindows, List<Timer> timers,
                        List<Mail> mails) {
    }

    record Notification(String id, String claimId, String template, String recipient, String status) {
    }

    record ConsentWindow(String claimId, String status, Instant endsAt) {
    }

    /** A durable timer of review-service or consent-service; overdue: still PENDING well after its due time. */
    record Timer(String service, String timerId, String kind, String claimId, String state, boolean overdue) {
    }

    /** A mail the SMTP server accepted: the notification id (local part of its Message-ID) and its recipients. */
    record Mail(String notificationId, Set<String> recipients) {
    }

    void check(List<ClaimRun> runs, List<PoisonMessages.Poison> poisons, Faults faults) throws SQLException {
        judge(runs, poisons, faults, observe(runs));
    }

    Observations observe(List<ClaimRun> runs) throws SQLException {
        List<ConsumerRecord<String, String>> records;
        try (EventProbe probe = new EventProbe(platform.kafkaBootstrapServers(), Topics.CLAIMS, Topics.REVIEWS,
                Topics.CONSENTS, Topics.INCENTIVE_EVALUATION, Topics.NOTIFICATIONS, Topics.deadLetterOf(Topics.CLAIMS),
                Topics.deadLetterOf(Topics.REVIEWS), Topics.deadLetterOf(Topics.CONSENTS),
                Topics.deadLetterOf(Topics.NOTIFICATIONS))) {
            records = drainUntilQuiet(probe);
        }
        Map<String, JsonNode> claims = new HashMap<>();
        ClaimDriver reader = new ClaimDriver(Duration.ofSeconds(30));
        for (ClaimRun run : runs) {
            if (run.acknowledged() && run.failure == null) {
                try {
                    claims.put(run.claimId, reader.awaitClaim(run.claimId, any -> true));
                } catch (AssertionError unreadable) {
                    // judged as not readable
                }
            }
        }
        List<Mail> mails = platform.mail().messages().stream().map(Oracles::mailOf).toList();
        return new Observations(records, claims, notifications(), consentWindows(), timers(), mails);
    }

    void judge(List<ClaimRun> runs, List<PoisonMessages.Poison> poisons, Faults faults, Observations seen) {
        figures.put("records read from the topics", (long) seen.records().size());
        Map<String, List<ConsumerRecord<String, String>>> byClaim = seen.records().stream()
                .filter(record -> record.key() != null && !record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX))
                .collect(Collectors.groupingBy(ConsumerRecord::key));
        Map<String, List<Notification>> notifications = seen.notifications().stream()
                .collect(Collectors.groupingBy(Notification::claimId));
        Map<String, List<ConsentWindow>> consentWindows = seen.consentWindows().stream()
                .collect(Collectors.groupingBy(ConsentWindow::claimId));
        Map<String, List<Timer>> timers = seen.timers().stream().collect(Collectors.groupingBy(Timer::claimId));
        Map<String, Integer> smtpByNotification = new HashMap<>();
        seen.mails().forEach(mail -> smtpByNotification.merge(mail.notificationId(), 1, Integer::sum));

        long resentRecords = 0;
        for (ClaimRun run : runs) {
            if (!run.acknowledged()) {
                continue;
            }
            List<ConsumerRecord<String, String>> claimRecords = byClaim.getOrDefault(run.claimId, List.of());
            Map<String, Integer> before = new HashMap<>();
            verdicts.forEach((name, verdict) -> before.put(name, verdict.violations.size()));
            checkFinalState(run, seen.claims().get(run.claimId));
            resentRecords += checkTransitions(run, claimRecords);
            Map<String, Integer> events = distinctEventsByType(claimRecords);
            checkEvents(run, events);
            List<ConsentWindow> windows = consentWindows.getOrDefault(run.claimId, List.of());
            checkConsentWindow(run, windows);
            checkDecline(run, windows);
            checkTimers(run, timers.getOrDefault(run.claimId, List.of()), events);
            checkMails(run, notifications.getOrDefault(run.claimId, List.of()), smtpByNotification);
            verdicts.forEach((name, verdict) -> {
                if (verdict.violations.size() > before.getOrDefault(name, 0)) {
                    violatedByClaim.computeIfAbsent(run.claimId, any -> new java.util.TreeSet<>()).add(name);
                }
            });
        }
        checkSomeDeclineAcknowledged(runs);
        checkMailsMatchRows(runs, seen.notifications(), seen.mails());
        checkResendsBounded(smtpByNotification, faults);
        figures.put("re-sent records (same ce_id seen again on a topic: outbox re-publish or replay)", resentRecords);
        figures.put("claims acknowledged (load)", runs.stream().filter(run -> run.acknowledged() && !run.canary).count());
        figures.put("canary claims acknowledged (checked, not counted toward the suite's claims)",
                runs.stream().filter(run -> run.acknowledged() && run.canary).count());
        figures.put("create attempts without an answer (service down; retried, never counted as acknowledged)",
                runs.stream().mapToLong(run -> run.unacknowledgedCreates).sum());
        figures.put("SMTP deliveries", (long) seen.mails().size());
        figures.put("SMTP re-deliveries of a Message-ID (crash between SMTP send and SENT)",
                smtpByNotification.values().stream().mapToLong(count -> count - 1).sum());
        figures.put("sendings that could be cut (SIGKILLs of notification-service, PostgreSQL stops and crashes)",
                (long) faults.sendingInterruptions());
        figures.put("sendings cut by a SIGKILL between SMTP send and SENT", (long) faults.cutSendings().size());
        checkDeadLetters(seen.records(), poisons);
    }

    private void checkFinalState(ClaimRun run, JsonNode claim) {
        Verdict verdict = verdict("acknowledged claim reached its final state",
                "every claim answered 201 exists and ends as its scenario says (status, rejection reason, sent to evaluation)");
        if (run.failure != null) {
            verdict.check(false, run.toString());
            return;
        }
        if (claim == null) {
            verdict.check(false, run + ": not readable");
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
            JsonNode event = ApiClient.JSON.readTree(record.value());
            chained &= previous.equals(event.path("fromStatus").asString());
            previous = event.path("toStatus").asString();
            path.add(previous);
        }
        List<String> expected = run.ending.expectedPath(run.declineAcknowledged);
        once.check(chained && path.equals(expected), run + ": path " + path + (chained ? "" : " (broken chain)")
                + ", expected " + expected);
        return resent;
    }

    /** Distinct events (by ce_id) per {@code "<topic> <type>"}. */
    private static Map<String, Integer> distinctEventsByType(List<ConsumerRecord<String, String>> records) {
        Map<String, Set<String>> ids = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            ids.computeIfAbsent(Ending.event(record.topic(), EventProbe.header(record, "ce_type")), any -> new HashSet<>())
                    .add(EventProbe.eventIdOf(record));
        }
        Map<String, Integer> counts = new TreeMap<>();
        ids.forEach((type, distinct) -> counts.put(type, distinct.size()));
        return counts;
    }

    /**
     * Every event type on every topic exactly as often as the scenario makes it, none of any other type: a second
     * timer firing or a redelivery that got past an inbox shows up here as a second event or as a
     * {@code claim.outcome-refused}, instead of being absorbed by the next service.
     */
    private void checkEvents(ClaimRun run, Map<String, Integer> events) {
        Map<String, Integer> expected = run.ending.expectedEvents(run.declineAcknowledged);
        Map<String, String> wrong = new TreeMap<>();
        for (String type : union(expected.keySet(), events.keySet())) {
            int want = expected.getOrDefault(type, 0);
            int got = events.getOrDefault(type, 0);
            if (want != got) {
                wrong.put(type, got + " (expected " + want + ")");
            }
        }
        verdict("every event type once", "per claim, the distinct events (by ce_id) of every type on every topic "
                + "(claims, reviews, consents, notifications, incentive evaluation) are exactly the scenario's: "
                + "consent.window-elapsed once if the window ran out, no claim.outcome-refused, no review timer event")
                .check(wrong.isEmpty(), run + ": " + wrong);
        int handOffs = events.getOrDefault(Ending.event(Topics.INCENTIVE_EVALUATION, "association.ready-for-evaluation"), 0);
        int expectedHandOffs = run.ending.sentToEvaluation(run.declineAcknowledged) ? 1 : 0;
        verdict("hand-off once", "AssociationReadyForEvaluation on cpor.incentive-evaluation.v1 by distinct event id: 1 if sent to evaluation, else 0")
                .check(handOffs == expectedHandOffs, run + ": " + handOffs + " distinct association.ready-for-evaluation, expected " + expectedHandOffs);
    }

    private void checkConsentWindow(ClaimRun run, List<ConsentWindow> windows) {
        String expectedStatus = !run.ending.approved() ? null
                : run.ending.sentToEvaluation(run.declineAcknowledged) ? "ELAPSED" : "DECLINED";
        List<String> statuses = windows.stream().map(ConsentWindow::status).toList();
        verdict("consent window once", "one consent_window row per approval, ELAPSED or DECLINED as the scenario ended, none otherwise")
                .check(expectedStatus == null ? windows.isEmpty() : statuses.equals(List.of(expectedStatus)),
                        run + ": consent_window rows " + statuses + ", expected " + (expectedStatus == null ? "none" : expectedStatus));
    }

    /**
     * A decline the consent page refused (409/410) is only right once the window had ended: a page that refuses a
     * decline inside the window must not pass as an elapsed window.
     */
    private void checkDecline(ClaimRun run, List<ConsentWindow> windows) {
        if (run.ending != Ending.CUSTOMER_DECLINED || run.failure != null) {
            return;
        }
        Instant endsAt = windows.stream().map(ConsentWindow::endsAt).filter(Objects::nonNull).findFirst().orElse(null);
        boolean holds = run.declineAcknowledged
                || (run.declineRefusedAt != null && endsAt != null && !run.declineRefusedAt.isBefore(endsAt));
        verdict("declines refused only after the window", "a customer decline the consent page refused (409/410) came after the window's recorded end")
                .check(holds, run + ": decline refused with " + run.declineRefusal + " at " + run.declineRefusedAt
                        + ", window ends at " + endsAt);
    }

    /** At least one customer decline went through: a consent page refusing every decline fails the run. */
    private void checkSomeDeclineAcknowledged(List<ClaimRun> runs) {
        List<ClaimRun> declining = runs.stream().filter(run -> run.acknowledged() && run.ending == Ending.CUSTOMER_DECLINED)
                .toList();
        long acknowledged = declining.stream().filter(run -> run.declineAcknowledged).count();
        figures.put("customer declines acknowledged by the consent page", acknowledged);
        figures.put("customer declines refused (window already ended)",
                declining.stream().filter(run -> run.declineRefusedAt != null).count());
        verdict("a customer decline acknowledged", "at least one customer decline of the run was acknowledged by the consent page (a page refusing every decline fails the run)")
                .check(acknowledged > 0, "none of the " + declining.size() + " customer declines was acknowledged by the consent page");
    }

    /**
     * Timers fire once and on time: the consent window's timer fired exactly when the window elapsed (one
     * consent.window-elapsed per FIRED timer), review timers (business days away) never fired, none failed and
     * none is left overdue.
     */
    private void checkTimers(ClaimRun run, List<Timer> timers, Map<String, Integer> events) {
        long consentFired = timers.stream().filter(timer -> timer.service().equals("consent-service"))
                .filter(timer -> timer.state().equals("FIRED")).count();
        int elapsed = events.getOrDefault(Ending.event(Topics.CONSENTS, "consent.window-elapsed"), 0);
        int expectedElapsed = run.ending.sentToEvaluation(run.declineAcknowledged) ? 1 : 0;
        List<String> reviewFired = timers.stream().filter(timer -> timer.service().equals("review-service"))
                .filter(timer -> timer.state().equals("FIRED")).map(Timer::timerId).toList();
        List<String> stuck = timers.stream().filter(timer -> timer.state().equals("FAILED") || timer.overdue())
                .map(timer -> timer.timerId() + " " + timer.state()).toList();
        verdict("timers fire once", "per claim, FIRED consent-window timers = consent.window-elapsed events = 1 if the "
                + "window ran out, else 0; no review timer fired (deadlines business days away); none FAILED or overdue")
                .check(consentFired == expectedElapsed && elapsed == expectedElapsed && reviewFired.isEmpty() && stuck.isEmpty(),
                        run + ": consent-window timers fired " + consentFired + ", window-elapsed events " + elapsed
                                + " (expected " + expectedElapsed + "), review timers fired " + reviewFired
                                + ", failed or overdue " + stuck);
    }

    private void checkMails(ClaimRun run, List<Notification> rows, Map<String, Integer> smtpByNotification) {
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
                && partner.keySet().equals(run.ending.partnerTemplates(run.declineAcknowledged))
                && templatesByRecipient.keySet().stream().allMatch(recipient -> recipient.equals(run.customerEmail)
                        || recipient.equals(run.partnerEmail));
        List<Notification> undelivered = rows.stream().filter(row -> !"SENT".equals(row.status())
                || smtpByNotification.getOrDefault(row.id(), 0) == 0).toList();
        verdict.check(once && expectedTemplates && undelivered.isEmpty(), run + ": notification log " + templatesByRecipient
                + ", expected customer " + run.ending.customerTemplates() + " partner "
                + run.ending.partnerTemplates(run.declineAcknowledged) + ", not sent/accepted: " + undelivered);
    }

    /** Every mail the SMTP server accepted is one of a checked claim's notification rows, to that row's recipient. */
    private void checkMailsMatchRows(List<ClaimRun> runs, List<Notification> rows, List<Mail> mails) {
        Map<String, Notification> byId = rows.stream().collect(Collectors.toMap(Notification::id, row -> row, (a, b) -> a));
        Set<String> claims = runs.stream().filter(ClaimRun::acknowledged).map(run -> run.claimId).collect(Collectors.toSet());
        Verdict verdict = verdict("every mail has its notification row",
                "every mail the SMTP server accepted carries the Message-ID of a notification row of a checked claim and goes to that row's recipient");
        for (Mail mail : mails) {
            Notification row = byId.get(mail.notificationId());
            verdict.check(row != null && claims.contains(row.claimId()) && mail.recipients().contains(row.recipient()),
                    "mail " + mail.notificationId() + " to " + mail.recipients() + ": "
                            + (row == null ? "no notification row" : "row of claim " + row.claimId() + " to " + row.recipient()));
        }
    }

    /**
     * A mail is sent again under its Message-ID only after a crash between the SMTP send and the SENT record (of
     * notification-service, or of PostgreSQL under it): at most once per mail, at most one mail per such crash, and
     * exactly once for each sending a kill was aimed at and cut off.
     */
    private void checkResendsBounded(Map<String, Integer> smtpByNotification, Faults faults) {
        Verdict verdict = verdict("re-sends bounded", "a Message-ID is accepted at most twice; mails accepted twice "
                + "<= SIGKILLs of notification-service + PostgreSQL stops; a sending cut by a SIGKILL between send and SENT was re-sent exactly once");
        smtpByNotification.forEach((id, count) -> {
            if (count > 1 || faults.cutSendings().contains(id)) {
                verdict.check(count <= 2 && (!faults.cutSendings().contains(id) || count == 2),
                        "Message-ID " + id + " accepted " + count + " times"
                                + (faults.cutSendings().contains(id) ? " (its sending was cut by a SIGKILL)" : ""));
            }
        });
        faults.cutSendings().stream().filter(id -> !smtpByNotification.containsKey(id)).forEach(id ->
                verdict.check(false, "Message-ID " + id + " (sending cut by a SIGKILL) never accepted"));
        long resent = smtpByNotification.values().stream().filter(count -> count > 1).count();
        verdict.check(resent <= faults.sendingInterruptions(), resent + " mails accepted more than once, "
                + faults.sendingInterruptions() + " notification-service crashes and PostgreSQL stops");
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

    private List<Notification> notifications() throws SQLException {
        List<Notification> rows = new ArrayList<>();
        try (Connection connection = connect("notification-service"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT notification_id, claim_id, template, recipient, status FROM notification")) {
            while (result.next()) {
                rows.add(new Notification(result.getString(1), result.getString(2), result.getString(3),
                        result.getString(4).toLowerCase(), result.getString(5)));
            }
        }
        return rows;
    }

    private List<ConsentWindow> consentWindows() throws SQLException {
        List<ConsentWindow> windows = new ArrayList<>();
        try (Connection connection = connect("consent-service"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT claim_id, status, window_ends_at FROM consent_window")) {
            while (result.next()) {
                windows.add(new ConsentWindow(result.getString(1), result.getString(2),
                        result.getTimestamp(3).toInstant()));
            }
        }
        return windows;
    }

    /** The durable timers of the services that have them; overdue = PENDING 30 s past due (polls are 300 ms). */
    private List<Timer> timers() throws SQLException {
        List<Timer> timers = new ArrayList<>();
        for (String service : List.of("review-service", "consent-service")) {
            try (Connection connection = connect(service); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("""
                         SELECT timer_id, kind, claim_id, state,
                                state = 'PENDING' AND due_at < clock_timestamp() - interval '30 seconds'
                         FROM durable_timer""")) {
                while (result.next()) {
                    timers.add(new Timer(service, result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getBoolean(5)));
                }
            }
        }
        return timers;
    }

    private static Mail mailOf(MimeMessage message) {
        String messageId = Objects.requireNonNullElse(Mails.messageIdOf(message), "");
        Set<String> recipients = new HashSet<>();
        try {
            jakarta.mail.Address[] all = message.getAllRecipients();
            for (jakarta.mail.Address address : all == null ? new jakarta.mail.Address[0] : all) {
                recipients.add((address instanceof jakarta.mail.internet.InternetAddress internet
                        ? internet.getAddress() : address.toString()).toLowerCase());
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException("Unreadable e-mail", e);
        }
        return new Mail(messageId.replaceAll("^<", "").replaceAll("@.*$", ""), recipients);
    }

    private Connection connect(String service) throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(service), platform.postgres().username(),
                platform.postgres().password());
    }
}
