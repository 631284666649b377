package com.cpor.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claims in flight all the time: a few partners-and-reviewers (threads) each take the next claim through its
 * lifecycle, cycling through the endings, until at least {@code minimumClaims} were started and the faults are over.
 */
final class Load implements AutoCloseable {

    private final List<ClaimRun> runs = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService workers;
    private final AtomicBoolean faultsOver = new AtomicBoolean();
    private final AtomicInteger started = new AtomicInteger();
    private final int minimumClaims;
    private final int threads;
    private final ClaimDriver driver;

    Load(int minimumClaims, int threads, Duration stepTimeout) {
        this.minimumClaims = minimumClaims;
        this.threads = threads;
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "claim-load");
            thread.setDaemon(true);
            return thread;
        });
        this.driver = new ClaimDriver(stepTimeout);
    }

    void start() {
        for (int i = 0; i < threads; i++) {
            workers.submit(this::work);
        }
    }

    private void work() {
        while (true) {
            int number = started.getAndIncrement();
            if (number >= minimumClaims && faultsOver.get()) {
                return;
            }
            ClaimRun run = ClaimDriver.newRun(Ending.values()[number % Ending.values().length]);
            runs.add(run);
            driver.drive(run);
        }
    }

    /** Adds a claim driven outside the load (a canary) to what the oracles check. */
    void track(ClaimRun run) {
        runs.add(run);
    }

    /** Stops starting claims once the minimum is reached, and waits for those in flight. */
    void finish(Duration timeout) throws InterruptedException {
        faultsOver.set(true);
        workers.shutdown();
        if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Claims still in flight after " + timeout + ": " + inFlight());
        }
    }

    List<ClaimRun> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    List<ClaimRun> finished() {
        return runs().stream().filter(run -> run.finishedAt != null).toList();
    }

    private List<ClaimRun> inFlight() {
        return runs().stream().filter(run -> !run.finished()).toList();
    }

    /** Waits until {@code count} more claims finished (the flow makes progress), or the timeout passes. */
    boolean awaitFinished(int count, Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            if (finished().size() >= count) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
