package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import com.cpor.platform.background.PollingLoop;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the dispatcher on {@code workers} background threads, each every poll interval, while the service runs.
 * They send side by side: each locks its own rows (FOR UPDATE SKIP LOCKED), so no mail goes out twice. Mail
 * queued in this instance wakes a worker as soon as it commits; the poll finds the rest (other instances' mail,
 * retries that fall due, replays).
 */
public class DispatchLoop extends PollingLoop {

    private final NotificationDispatcher dispatcher;
    private final int workers;
    private final AtomicInteger nextWorker = new AtomicInteger();

    public DispatchLoop(NotificationDispatcher dispatcher, Duration pollInterval, boolean enabled, int workers) {
        super("notification-dispatch", pollInterval, enabled, workers);
        this.dispatcher = dispatcher;
        this.workers = Math.max(1, workers);
    }

    /**
     * A mail was queued in the current transaction: once that commits, the next worker in turn sends it instead of
     * waiting for its poll (a rolled-back row wakes nobody). Several mails wake several workers.
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

    private void wakeNextWorker() {
        wakeUp(Math.floorMod(nextWorker.getAndIncrement(), workers));
    }

    @Override
    protected void round() {
        dispatcher.dispatchDue();
    }
}
