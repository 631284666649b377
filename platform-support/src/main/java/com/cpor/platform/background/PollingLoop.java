package com.cpor.platform.background;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Background work that runs in rounds on its own daemon thread while the application runs: again after
 * each poll interval, or at once when {@link #wakeUp() woken}. A failing round is logged and the next one
 * tries again, so a broker or database outage delays the work but never ends it.
 */
public abstract class PollingLoop implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final Duration pollInterval;
    private final boolean autoStartup;
    private final Semaphore wakeUps = new Semaphore(0);
    private final int workers;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    protected PollingLoop(String threadName, Duration pollInterval, boolean autoStartup) {
        this(threadName, pollInterval, autoStartup, 1);
    }

    /** @param workers threads running rounds side by side (the work must be safe to run concurrently) */
    protected PollingLoop(String threadName, Duration pollInterval, boolean autoStartup, int workers) {
        this.threadName = threadName;
        this.pollInterval = pollInterval;
        this.autoStartup = autoStartup;
        this.workers = Math.max(1, workers);
    }

    /** One round of work; called again after the poll interval or a wake-up. */
    protected abstract void round();

    /** Starts the next round now instead of after the poll interval. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void runRounds() {
        while (running) {
            try {
                round();
            } catch (RuntimeException e) {
                log.warn("{} round failed, will retry: {}", threadName, e.getMessage());
            }
            try {
                if (wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < workers; i++) {
            String name = workers == 1 ? threadName : threadName + "-" + i;
            threads.add(Thread.ofPlatform().name(name).daemon().start(this::runRounds));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }
}
