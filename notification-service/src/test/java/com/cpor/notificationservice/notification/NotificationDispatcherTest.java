package com.cpor.notificationservice.notification;

import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.notificationservice.notification.application.DeliveryReports;
import com.cpor.notificationservice.notification.application.MailGateway;
import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import com.cpor.notificationservice.notification.application.NotificationStore;
import com.cpor.notificationservice.notification.domain.DeliveryPolicy;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationStatus;
import com.cpor.notificationservice.notification.mail.DispatchLoop;
import com.cpor.platform.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The sender's state machine: SENT once accepted, back-off on SMTP errors, FAILED after the last attempt. */
class NotificationDispatcherTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final RecordingMailServer smtp = new RecordingMailServer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsentLinkCipher links = new ConsentLinkCipher(SampleEvents.LINK_KEY, List.of());
    private final RecordingReports reports = new RecordingReports();
    private final TransactionTemplate transactions = new TransactionTemplate(new NoTransactions(store));
    private final NotificationDispatcher dispatcher = new NotificationDispatcher(store, smtp,
            transactions, new DeliveryPolicy(3, Duration.ofSeconds(10),
            Duration.ofSeconds(15)), clock, meters, links, reports);

    @Test
    void sent_and_failed_counters_exist_at_zero_for_every_template_and_locale_before_any_mail() {
        for (String template : List.of("customer-consent-request", "review-sla-breached")) {
            for (String locale : List.of("en-US", "zh-CN", "ru-RU", "pl-PL", "hu-HU")) {
                assertThat(meters.find("cpor.notifications.failed").tags("template", template, "locale", locale)
                        .counter()).as(template + " " + locale).isNotNull().extracting(c -> c.count()).isEqualTo(0.0);
                assertThat(meters.find("cpor.notifications.sent").tags("template", template, "locale", locale)
                        .counter()).as(template + " " + locale).isNotNull();
            }
        }
    }

    @Test
    void accepted_mail_is_marked_sent_and_counted_per_template_and_locale() {
        Notification mail = store.add(pending());

        assertThat(dispatcher.dispatchDue().attempted()).isEqualTo(1);

        assertThat(store.get(mail.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(store.get(mail.id()).sentAt()).isEqualTo(clock.instant());
        assertThat(smtp.sent).containsExactly(mail.id());
        assertThat(meters.counter("cpor.notifications.sent", "template", "customer-consent-request", "locale", "pl-PL")
                .count()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue()).as("nothing pending")
                .isEqualTo(new NotificationDispatcher.Dispatched(0, Optional.empty()));
    }

    @Test
    void smtp_failures_back_off_exponentially_then_park_the_notification_as_failed() {
        Notification mail = store.add(pending());
        smtp.down = true;

        dispatcher.dispatchDue();
        assertThat(store.get(mail.id()).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(dispatcher.dispatchDue()).as("not due before the back-off, and says when it is")
                .isEqualTo(new NotificationDispatcher.Dispatched(0, Optional.of(clock.instant().plusSeconds(10))));
        clock.advance(Duration.ofSeconds(10));
        dispatcher.dispatchDue();
        assertThat(store.get(mail.id()).nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(15));
        clock.advance(Duration.ofSeconds(15));
        dispatcher.dispatchDue();

        Notification failed = store.get(mail.id());
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).contains("MailSendException", "connection refused");
        assertThat(meters.counter("cpor.notifications.failed", "template", "customer-consent-request", "locale", "pl-PL")
                .count()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue().attempted()).isZero();
    }

    @Test
    void a_failed_attempt_is_recorded_with_its_chain_of_causes() {
        Notification mail = store.add(pending());
        smtp.failure = new MailSendException("mail server refused",
                new IllegalStateException("TLS handshake failed", new java.net.ConnectException("connection reset")));

        dispatcher.dispatchDue();

        assertThat(store.get(mail.id()).lastError()).isEqualTo("MailSendException: mail server refused"
                + " <- IllegalStateException: TLS handshake failed <- ConnectException: connection reset");
    }

    @Test
    void the_recorded_error_is_cut_to_2000_characters() {
        Notification mail = store.add(pending());
        smtp.failure = new MailSendException("x".repeat(5000));

        dispatcher.dispatchDue();

        assertThat(store.get(mail.id()).lastError()).hasSize(2000).startsWith("MailSendException: xxx");
    }

    @Test
    void the_consent_notice_is_reported_delivered_once_and_partner_mail_is_not_reported() {
        Notification consent = store.add(pending());
        Notification partner = store.add(Notification.pending(UUID.randomUUID(), "consent.requested", "c-1",
                NoticeTemplate.PARTNER_CLAIM_APPROVED, "piotr@partner.example", "Piotr", "en-US", "s", "t", "<p>h</p>",
                clock.instant()));

        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        assertThat(reports.delivered).containsExactly(consent.id() + "@" + clock.instant());
        assertThat(reports.failed).isEmpty();
        assertThat(smtp.sent).contains(partner.id());
    }

    @Test
    void a_consent_notice_given_up_is_reported_failed_once() {
        Notification mail = store.add(pending());
        smtp.down = true;

        for (int round = 0; round < 5; round++) {
            dispatcher.dispatchDue();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(store.get(mail.id()).status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(reports.failed).containsExactly(mail.id() + "/3");
        assertThat(reports.delivered).isEmpty();
    }

    @Test
    void the_secret_link_is_opened_only_for_the_mail_that_goes_out_and_the_stored_row_never_holds_it() {
        String link = "https://consent.example/consent/TOKEN.SIG";
        Notification mail = store.add(Notification.pending(UUID.randomUUID(), "consent.requested", "c-1",
                NoticeTemplate.CUSTOMER_CONSENT_REQUEST, "anna@contoso.example", "Anna", "pl-PL", "subject",
                "Decline: " + Notification.SECRET_LINK_PLACEHOLDER,
                "<a href=\"" + Notification.SECRET_LINK_PLACEHOLDER + "\">x</a>", links.seal(link, "c-1"),
                clock.instant()));

        dispatcher.dispatchDue();

        assertThat(smtp.lastMail.textBody()).isEqualTo("Decline: " + link);
        assertThat(smtp.lastMail.htmlBody()).isEqualTo("<a href=\"" + link + "\">x</a>");
        Notification stored = store.get(mail.id());
        assertThat(stored.textBody() + stored.htmlBody()).doesNotContain(link, "TOKEN");
        assertThat(stored.secretLink()).as("dropped once sent").isNull();
    }

    @Test
    void a_link_sealed_with_a_key_not_configured_here_fails_the_attempt_and_names_the_key() {
        ConsentLinkCipher other = new ConsentLinkCipher("b3RoZXItZGVwbG95bWVudC1rZXktMzItYnl0ZXMhISE=", List.of());
        Notification mail = store.add(Notification.pending(UUID.randomUUID(), "consent.requested", "c-1",
                NoticeTemplate.CUSTOMER_CONSENT_REQUEST, "anna@contoso.example", "Anna", "pl-PL", "subject",
                Notification.SECRET_LINK_PLACEHOLDER, Notification.SECRET_LINK_PLACEHOLDER,
                other.seal("https://consent.example/consent/T.S", "c-1"), clock.instant()));

        dispatcher.dispatchDue();

        assertThat(smtp.sent).isEmpty();
        assertThat(store.get(mail.id()).lastError()).contains(other.currentKeyId()).doesNotContain("T.S");
    }

    @Test
    void a_crash_between_smtp_acceptance_and_the_sent_mark_resends_once_with_the_same_message_identity() {
        Notification mail = store.add(pending());
        store.crashOnNextSentMark = true;

        assertThatThrownBy(dispatcher::dispatchDue).hasMessageContaining("crash");
        assertThat(store.get(mail.id()).status()).isEqualTo(NotificationStatus.PENDING);
        dispatcher.dispatchDue();

        assertThat(smtp.sent).containsExactly(mail.id(), mail.id());
        assertThat(store.get(mail.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(dispatcher.dispatchDue().attempted()).isZero();
        assertThat(smtp.sent).hasSize(2);
    }

    @Test
    void the_mails_due_in_a_round_go_out_over_one_connection_and_an_idle_round_opens_none() {
        store.add(pending());
        store.add(pending());
        store.add(pending());

        assertThat(dispatcher.dispatchDue().attempted()).isEqualTo(3);
        assertThat(smtp.connections).hasValue(1);
        assertThat(smtp.open).as("closed at the end of the round").hasValue(0);

        assertThat(dispatcher.dispatchDue().attempted()).isZero();
        assertThat(smtp.connections).hasValue(1);
    }

    @Test
    void the_dispatch_loop_sends_with_several_workers_side_by_side_and_each_mail_once() {
        Notification first = store.add(pending());
        Notification second = store.add(pending());
        // each send waits for a second one in progress: a single sender thread would never get past the first
        smtp.sideBySide = new CyclicBarrier(2);
        DispatchLoop loop = new DispatchLoop(dispatcher, clock, Duration.ofHours(1), Duration.ofHours(1), true, 2);

        loop.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.count(NotificationStatus.SENT) == 2);
        } finally {
            loop.stop();
        }

        assertThat(smtp.sent).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(smtp.connections).hasValue(2);
    }

    @Test
    void mail_queued_in_a_transaction_is_sent_once_that_commits_without_waiting_for_the_next_poll() {
        DispatchLoop loop = new DispatchLoop(dispatcher, clock, Duration.ofHours(1), Duration.ofHours(1), true, 1);
        Notification first = store.add(pending());
        loop.start();
        try {
            // the worker's first round (at start) is over once it sent the first mail and closed its connection
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.get(first.id()).status() == NotificationStatus.SENT && smtp.open.get() == 0);

            Notification queued = transactions.execute(status -> {
                Notification mail = store.add(pending());
                loop.mailQueued();
                return mail;
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> store.get(queued.id()).status() == NotificationStatus.SENT);
        } finally {
            loop.stop();
        }
    }

    @Test
    void the_dispatch_loop_sends_a_retry_when_it_falls_due_without_a_poll_or_a_wake_up() {
        NotificationDispatcher quickRetries = new NotificationDispatcher(store, smtp, transactions,
                new DeliveryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(200)), clock, meters, links, reports);
        Notification mail = store.add(pending());
        smtp.down = true;
        quickRetries.dispatchDue();
        smtp.down = false;
        Instant retryAt = store.get(mail.id()).nextAttemptAt();
        // polls once an hour: only the retry's due time can start the round that sends it
        DispatchLoop loop = new DispatchLoop(quickRetries, clock, Duration.ofHours(1), Duration.ofHours(1), true, 1);
        int looksBefore = store.looks.get();
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> store.looks.get() > looksBefore); // found it not due
            clock.advance(Duration.between(clock.instant(), retryAt));

            await().atMost(Duration.ofSeconds(30)).until(() -> store.get(mail.id()).status() == NotificationStatus.SENT);
        } finally {
            loop.stop();
        }
    }

    private Notification pending() {
        return Notification.pending(UUID.randomUUID(), "consent.requested", "c-1", NoticeTemplate.CUSTOMER_CONSENT_REQUEST,
                "anna@contoso.example", "Anna", "pl-PL", "subject", "text", "<p>html</p>", clock.instant());
    }

    /** Thread-safe: the loop's workers share it. Counts connections opened (at the first mail of a round). */
    private static final class RecordingMailServer implements MailGateway {
        final List<UUID> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        volatile Notification lastMail;
        volatile boolean down;
        volatile RuntimeException failure;
        volatile CyclicBarrier sideBySide;

        @Override
        public Connection connect() {
            return new Connection() {
                private boolean connected;

                @Override
                public void send(Notification notification) {
                    if (failure != null) {
                        throw failure;
                    }
                    if (down) {
                        throw new MailSendException("connection refused");
                    }
                    if (!connected) {
                        connected = true;
                        connections.incrementAndGet();
                        open.incrementAndGet();
                    }
                    awaitSecondSender();
                    sent.add(notification.id());
                    lastMail = notification;
                }

                @Override
                public void close() {
                    if (connected) {
                        connected = false;
                        open.decrementAndGet();
                    }
                }
            };
        }

        private void awaitSecondSender() {
            if (sideBySide == null) {
                return;
            }
            try {
                sideBySide.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new MailSendException("no second mail in progress at the same time", e);
            }
        }
    }

    private static final class RecordingReports implements DeliveryReports {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();

        @Override
        public void delivered(Notification notification, Instant deliveredAt) {
            delivered.add(notification.id() + "@" + deliveredAt);
        }

        @Override
        public void failed(Notification notification, int attempts, Instant failedAt) {
            failed.add(notification.id() + "/" + attempts);
        }
    }

    /**
     * The store's semantics without a database; a "crash" leaves the row as it was (the transaction never commits).
     * A locked row is skipped by other threads until the locking thread's transaction ends (FOR UPDATE SKIP LOCKED).
     */
    private static final class InMemoryStore implements NotificationStore {
        final Map<UUID, Notification> rows = new LinkedHashMap<>();
        final Map<UUID, Thread> locks = new HashMap<>();
        final AtomicInteger looks = new AtomicInteger();
        boolean crashOnNextSentMark;

        synchronized void transactionEnded() {
            locks.values().removeIf(owner -> owner == Thread.currentThread());
        }

        Notification add(Notification notification) {
            addIfAbsent(notification);
            return notification;
        }

        synchronized Notification get(UUID id) {
            return rows.get(id);
        }

        @Override
        public synchronized boolean addIfAbsent(Notification notification) {
            return rows.putIfAbsent(notification.id(), notification) == null;
        }

        @Override
        public synchronized Optional<Notification> lockNextPending() {
            looks.incrementAndGet();
            Optional<Notification> next = rows.values().stream().filter(n -> n.status() == NotificationStatus.PENDING)
                    .filter(n -> locks.getOrDefault(n.id(), Thread.currentThread()) == Thread.currentThread())
                    .min(Comparator.comparing(Notification::nextAttemptAt));
            next.ifPresent(n -> locks.put(n.id(), Thread.currentThread()));
            return next;
        }

        @Override
        public synchronized void markSent(UUID id, int attempts, Instant sentAt) {
            if (crashOnNextSentMark) {
                crashOnNextSentMark = false;
                throw new IllegalStateException("crash before the SENT mark committed");
            }
            update(id, attempts, NotificationStatus.SENT, null, null, sentAt);
        }

        @Override
        public synchronized void scheduleRetry(UUID id, int attempts, Instant nextAttemptAt, String error) {
            update(id, attempts, NotificationStatus.PENDING, nextAttemptAt, error, null);
        }

        @Override
        public synchronized void markFailed(UUID id, int attempts, String error) {
            update(id, attempts, NotificationStatus.FAILED, null, error, null);
        }

        @Override
        public boolean requeueFailed(UUID id, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized Optional<Notification> findById(UUID id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public synchronized long count(NotificationStatus status) {
            return rows.values().stream().filter(n -> n.status() == status).count();
        }

        @Override
        public synchronized List<Notification> find(String claimId, NotificationStatus status, int offset, int limit) {
            return List.copyOf(rows.values());
        }

        @Override
        public synchronized long count(String claimId, NotificationStatus status) {
            return rows.size();
        }

        private synchronized void update(UUID id, int attempts, NotificationStatus status, Instant next, String error, Instant sentAt) {
            Notification n = rows.get(id);
            rows.put(id, new Notification(n.id(), n.claimId(), n.eventId(), n.eventType(), n.template(), n.recipient(),
                    n.recipientName(), n.locale(), n.subject(), n.textBody(), n.htmlBody(), status, attempts,
                    next == null ? n.nextAttemptAt() : next, error, n.createdAt(), sentAt,
                    status == NotificationStatus.SENT ? null : n.secretLink()));
        }
    }

    private static final class NoTransactions extends AbstractPlatformTransactionManager {
        private final InMemoryStore store;

        NoTransactions(InMemoryStore store) {
            this.store = store;
        }

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            store.transactionEnded();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            store.transactionEnded();
        }
    }
}
