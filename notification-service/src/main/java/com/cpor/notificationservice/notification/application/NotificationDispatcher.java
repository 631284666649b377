package com.cpor.notificationservice.notification.application;

import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.notificationservice.notification.domain.DeliveryPolicy;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.SupportedLocales;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Delivers pending notifications, one per transaction: lock the row (FOR UPDATE SKIP LOCKED, so parallel
 * instances and the threads of one instance never send the same row at once), hand it to SMTP, mark it SENT,
 * commit. The mails of one round share one SMTP connection; each row still has its own transaction, so a crash
 * costs at most the one mail in flight (below).
 * <p>
 * Crash window: if the process dies after the SMTP server accepted the mail but before the SENT mark
 * commits, the row is still PENDING after the restart and the mail is sent again: at most one duplicate
 * per such crash. It carries the same {@code Message-ID}, so mail clients can fold it. Closing the window
 * entirely would need the SMTP server to take part in the transaction, which it cannot.
 * <p>
 * On an SMTP failure the attempt is counted and the next one scheduled with exponential back-off; after
 * the last attempt the row is parked as FAILED for an operator to see and replay.
 * <p>
 * A notice whose delivery matters to another service (the customer's consent notice) is reported on
 * {@code cpor.notifications.v1} in the same transaction as its SENT or FAILED mark. Its secret link is decrypted
 * only here, for the mail that goes out; the stored row keeps the placeholder.
 */
public class NotificationDispatcher {

    private static final String SENT = "cpor.notifications.sent";
    private static final String FAILED = "cpor.notifications.failed";

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final NotificationStore store;
    private final MailGateway mail;
    private final TransactionTemplate transactions;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ConsentLinkCipher links;
    private final DeliveryReports reports;

    public NotificationDispatcher(NotificationStore store, MailGateway mail, TransactionTemplate transactions,
                                  DeliveryPolicy policy, Clock clock, MeterRegistry meters, ConsentLinkCipher links,
                                  DeliveryReports reports) {
        this.store = store;
        this.mail = mail;
        this.transactions = transactions;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
        this.links = links;
        this.reports = reports;
        // every series exists at 0 from the start, so that increase() alerts see the first failure after a restart
        for (NoticeTemplate template : NoticeTemplate.values()) {
            for (Locale locale : SupportedLocales.ALL) {
                meters.counter(SENT, "template", template.templateName(), "locale", locale.toLanguageTag());
                meters.counter(FAILED, "template", template.templateName(), "locale", locale.toLanguageTag());
            }
        }
    }

    /**
     * Sends everything due now over one mail connection (opened only if something is due). Safe to call from
     * several threads at once.
     *
     * @return how many notifications were attempted, and when the next pending one falls due
     */
    public Dispatched dispatchDue() {
        int attempted = 0;
        try (MailGateway.Connection connection = mail.connect()) {
            while (true) {
                Look look = transactions.execute(status -> dispatchNext(connection));
                if (!look.attempted()) {
                    return new Dispatched(attempted, look.nextDueAt());
                }
                attempted++;
            }
        }
    }

    /** Attempts the next due notification, if there is one. */
    private Look dispatchNext(MailGateway.Connection connection) {
        Optional<Notification> next = store.lockNextPending();
        Instant now = clock.instant();
        if (next.isEmpty() || next.get().nextAttemptAt().isAfter(now)) {
            return new Look(false, next.map(Notification::nextAttemptAt));
        }
        attempt(next.get(), now, connection);
        return Look.ATTEMPTED;
    }

    /** One look for due mail: it attempted one, or found none due and when the next falls due (empty: none). */
    private record Look(boolean attempted, Optional<Instant> nextDueAt) {
        static final Look ATTEMPTED = new Look(true, Optional.empty());
    }

    /**
     * What one call of {@link #dispatchDue()} did.
     *
     * @param attempted how many notifications it attempted (sent, or failed and rescheduled or parked)
     * @param nextDueAt when the first pending notification no other sender holds falls due; empty if none is pending
     */
    public record Dispatched(int attempted, Optional<Instant> nextDueAt) {
    }

    private void attempt(Notification notification, Instant now, MailGateway.Connection connection) {
        int attempt = notification.attempts() + 1;
        try {
            connection.send(withLinkRevealed(notification));
        } catch (RuntimeException failure) {
            recordFailure(notification, attempt, now, failure);
            return;
        }
        // crash window: accepted by SMTP, SENT not yet committed (see the class comment)
        Instant sentAt = clock.instant();
        store.markSent(notification.id(), attempt, sentAt);
        if (notification.template().reportsDelivery()) {
            reports.delivered(notification, sentAt);
        }
        meters.counter(SENT, "template", notification.template().templateName(),
                "locale", notification.locale()).increment();
        log.info("Sent {} to {} for claim {} (event {}, attempt {})", notification.template().templateName(),
                notification.recipient(), notification.claimId(), notification.eventId(), attempt);
    }

    private void recordFailure(Notification notification, int attempt, Instant now, RuntimeException failure) {
        String error = describe(failure);
        if (policy.exhausted(attempt)) {
            store.markFailed(notification.id(), attempt, error);
            if (notification.template().reportsDelivery()) {
                reports.failed(notification, attempt, clock.instant());
            }
            meters.counter(FAILED, "template", notification.template().templateName(),
                    "locale", notification.locale()).increment();
            log.error("Notification {} ({} to {}) FAILED after {} attempts: {}", notification.id(),
                    notification.template().templateName(), notification.recipient(), attempt, error);
        } else {
            Instant next = now.plus(policy.backoffAfter(attempt));
            store.scheduleRetry(notification.id(), attempt, next, error);
            log.warn("Notification {} attempt {} failed, retrying at {}: {}", notification.id(), attempt, next, error);
        }
    }

    /** An undecryptable link (a key not configured here) fails the attempt like an SMTP error, and says why. */
    private Notification withLinkRevealed(Notification notification) {
        return notification.secretLink() == null ? notification
                : notification.withSecretLink(links.open(notification.secretLink(), notification.claimId()));
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX_ERROR_LENGTH; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }
}
