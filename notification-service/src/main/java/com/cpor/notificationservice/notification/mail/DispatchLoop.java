package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.MailQueue;
import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import com.cpor.platform.background.PollingLoop;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the dispatcher on {@code workers} background threads while the service runs. They send side by side: each
 * locks its own rows (FOR UPDATE SKIP LOCKED), so no mail goes out twice. Mail queued or replayed in this instance
 * wakes a worker as soon as it commits. Worker 0 also keeps the schedule: after each look it sleeps until the next
 * retry falls due, at most the idle poll interval (which catches mail of an instance that stopped before sending
 * it); the other workers look in their first round and when woken, and wake worker 0 if they see a retry due before
 * its next look. An idle instance therefore costs one query per idle poll interval, however many workers it runs.
 */
public class DispatchLoop extends PollingLoop implements MailQueue {

    private final NotificationDispatcher dispatcher;
    private final Clock clock;
    private final Duration idlePollInterval;
    private final int workers;
    private final AtomicInteger nextWorker = new AtomicInteger();
    private final AtomicBoolean[] woken;
    private final boolean[] lookedOnce;
    /** When worker 0 looks next (by {@link #clock}); {@link Instant#MAX} while it is looking. */
    private volatile Instant nextLook = Instant.MAX;

    /** @param clock the clock the dispatcher decides by when mail is due */
    public DispatchLoop(NotificationDispatcher dispatcher, Clock clock, Duration pollInterval,
                        Duration idlePollInterval, boolean enabled, int workers) {
        super("notification-dispatch", pollInterval, enabled, workers);
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.idlePollInterval = idlePollInterval;
        this.workers = Math.max(1, workers);
        this.woken = new AtomicBoolean[this.workers];
        this.lookedOnce = new boolean[this.workers];
        for (int i = 0; i < this.workers; i++) {
            woken[i] = new AtomicBoolean();
        }
    }

    /**
     * Mail was queued in the current transaction: once that commits, the next worker in turn sends it instead of
     * waiting for a poll (a rolled-back row wakes nobody). Several mails wake several workers.
     */
    @Override
    public void mailQueued() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wakeNextWorker();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeNextWorker();
            }
        });
    }

    @Override
    protected Duration round() {
        int worker = currentWorker();
        if (worker == 0) {
            nextLook = Instant.MAX; // until this look has planned the next, another worker's finding wakes it again
        }
        if (!looksForMail(worker)) {
            return idlePollInterval;
        }
        Optional<Instant> nextDue = dispatcher.dispatchDue().nextDueAt();
        if (worker != 0) {
            nextDue.filter(due -> due.isBefore(nextLook)).ifPresent(due -> wakeUp(0));
            return idlePollInterval;
        }
        Duration wait = nextDue.map(due -> Duration.between(clock.instant(), due))
                .filter(untilDue -> untilDue.compareTo(idlePollInterval) < 0)
                .orElse(idlePollInterval);
        nextLook = clock.instant().plus(wait);
        return wait;
    }

    /** Whether worker {@code worker}'s round, woken or after its wait, queries for due mail. */
    boolean looksForMail(int worker) {
        if (worker == 0 || woken[worker].getAndSet(false)) {
            return true;
        }
        // only the worker's own thread reads and sets its flag: its first round shares a backlog left at start-up
        boolean first = !lookedOnce[worker];
        lookedOnce[worker] = true;
        return first;
    }

    private void wakeNextWorker() {
        int worker = Math.floorMod(nextWorker.getAndIncrement(), workers);
        woken[worker].set(true);
        wakeUp(worker);
    }
}
