package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import com.cpor.platform.background.PollingLoop;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the dispatcher on {@code workers} background threads while the service runs. They send side by side: each
 * locks its own rows (FOR UPDATE SKIP LOCKED), so no mail goes out twice. Mail queued in this instance wakes a
 * worker as soon as it commits. Worker 0 also looks for mail every poll interval (retries falling due, replays,
 * other instances' mail); the other workers look on their own only every {@value #HELPER_POLL_EVERY}th interval,
 * so an idle instance costs about one query per interval, not one per worker.
 */
public class DispatchLoop extends PollingLoop {

    static final int HELPER_POLL_EVERY = 10;

    private final NotificationDispatcher dispatcher;
    private final int workers;
    private final AtomicInteger nextWorker = new AtomicInteger();
    private final AtomicBoolean[] woken;
    private final int[] idleRounds;

    public DispatchLoop(NotificationDispatcher dispatcher, Duration pollInterval, boolean enabled, int workers) {
        super("notification-dispatch", pollInterval, enabled, workers);
        this.dispatcher = dispatcher;
        this.workers = Math.max(1, workers);
        this.woken = new AtomicBoolean[this.workers];
        this.idleRounds = new int[this.workers];
        for (int i = 0; i < this.workers; i++) {
            woken[i] = new AtomicBoolean();
        }
    }

    /**
     * A mail was queued in the current transaction: once that commits, the next worker in turn sends it instead of
     * waiting for a poll (a rolled-back row wakes nobody). Several mails wake several workers.
     */
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
    protected void round() {
        if (looksForMail(currentWorker())) {
            dispatcher.dispatchDue();
        }
    }

    /** Whether worker {@code worker}'s round, woken or after its poll interval, queries for due mail. */
    boolean looksForMail(int worker) {
        if (worker == 0 || woken[worker].getAndSet(false)) {
            return true;
        }
        // only the worker's own thread counts its rounds
        return idleRounds[worker]++ % HELPER_POLL_EVERY == 0;
    }

    private void wakeNextWorker() {
        int worker = Math.floorMod(nextWorker.getAndIncrement(), workers);
        woken[worker].set(true);
        wakeUp(worker);
    }
}
