package com.cpor.reviewservice.review.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reviewers waiting for a review that does not exist yet (RFC 7240 {@code Prefer: wait} on the review's GET), so a
 * client waits instead of polling. No thread is parked per waiter: a waiter is a callback, run once on a small pool
 * when its review appears.
 * <ul>
 *   <li>A review created in this instance wakes its waiters once the creating transaction commits (a rolled-back
 *   creation wakes nobody).</li>
 *   <li>A review created by another instance (the one that consumed the claim's partition) has no in-process signal:
 *   every {@code recheckInterval} one query looks for the reviews all waiters wait for, and the web layer checks the
 *   database once more when a wait ends. Idle, with nobody waiting, it queries nothing.</li>
 *   <li>Bounded: at most {@code maxWaiters} at once ({@link #await} refuses beyond, the caller answers at once); a
 *   waiter leaves the registry when woken or cancelled (answered, timed out, disconnected).</li>
 * </ul>
 */
public class ReviewArrivals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReviewArrivals.class);

    /** A registered waiter: cancel it when its request ends another way; cancelling twice or after waking is a no-op. */
    public interface Waiter {
        void cancel();
    }

    private final ReviewRepository reviews;
    private final Duration maxWait;
    private final int maxWaiters;
    private final ConcurrentHashMap<String, Set<Registered>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong wokenOnCommit = new AtomicLong();
    private final AtomicLong wokenByRecheck = new AtomicLong();
    private final ScheduledExecutorService executor;

    public ReviewArrivals(ReviewRepository reviews, Duration maxWait, int maxWaiters, Duration recheckInterval) {
        this.reviews = reviews;
        this.maxWait = maxWait;
        this.maxWaiters = maxWaiters;
        AtomicInteger threads = new AtomicInteger();
        // two threads: the re-check and answering woken waiters (a short read each), never one per waiter
        this.executor = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "review-arrivals-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        if (recheckInterval.isPositive()) {
            executor.scheduleWithFixedDelay(this::recheck, recheckInterval.toMillis(), recheckInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Registers {@code onArrival} to run (once, on the registry's pool) when the review of {@code claimId} appears.
     *
     * @return the waiter, or empty when {@code maxWaiters} are waiting already
     */
    public Optional<Waiter> await(String claimId, Runnable onArrival) {
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            return Optional.empty();
        }
        Registered waiter = new Registered(claimId, onArrival);
        waiters.compute(claimId, (id, set) -> {
            Set<Registered> claimWaiters = set == null ? ConcurrentHashMap.newKeySet() : set;
            claimWaiters.add(waiter);
            return claimWaiters;
        });
        return Optional.of(waiter);
    }

    /**
     * The review of {@code claimId} was created in the current transaction: its waiters are woken once that commits
     * (at once without a transaction).
     */
    public void created(String claimId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake(claimId, wokenOnCommit);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake(claimId, wokenOnCommit);
            }
        });
    }

    /** The longest wait granted, whatever a client asks. */
    public Duration maxWait() {
        return maxWait;
    }

    /** Waiters registered now. */
    public int waiting() {
        return waiting.get();
    }

    /** Whether a request waits for the review of this claim now. */
    public boolean isAwaited(String claimId) {
        return waiters.containsKey(claimId);
    }

    /** Claims with at least one waiter (what the registry holds besides the count). */
    public int claimsAwaited() {
        return waiters.size();
    }

    /** Waiters woken by a commit in this instance, since start. */
    public long wokenOnCommit() {
        return wokenOnCommit.get();
    }

    /** Waiters woken by the periodic re-check of the database (reviews created by another instance), since start. */
    public long wokenByRecheck() {
        return wokenByRecheck.get();
    }

    /**
     * One query for every awaited claim: wakes the waiters of those whose review now exists (run every
     * {@code recheckInterval}).
     */
    public void recheck() {
        try {
            List<String> awaited = List.copyOf(waiters.keySet());
            if (!awaited.isEmpty()) {
                reviews.existing(awaited).forEach(claimId -> wake(claimId, wokenByRecheck));
            }
        } catch (RuntimeException e) {
            // the next round or the end of each wait checks again
            log.warn("Re-check of awaited reviews failed: {}", e.toString());
        }
    }

    private void wake(String claimId, AtomicLong counter) {
        Set<Registered> woken = waiters.remove(claimId);
        if (woken != null) {
            woken.forEach(waiter -> {
                if (waiter.leave()) {
                    counter.incrementAndGet();
                    executor.execute(waiter.onArrival);
                }
            });
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private final class Registered implements Waiter {

        private final String claimId;
        private final Runnable onArrival;
        private final AtomicBoolean registered = new AtomicBoolean(true);

        private Registered(String claimId, Runnable onArrival) {
            this.claimId = claimId;
            this.onArrival = onArrival;
        }

        @Override
        public void cancel() {
            if (leave()) {
                waiters.computeIfPresent(claimId, (id, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
            }
        }

        /** True for the one caller that takes this waiter out of the count. */
        private boolean leave() {
            if (registered.compareAndSet(true, false)) {
                waiting.decrementAndGet();
                return true;
            }
            return false;
        }
    }
}
