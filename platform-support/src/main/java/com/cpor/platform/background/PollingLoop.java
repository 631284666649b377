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
 * Background work that runs in rounds on its own daemon thread while the application runs: each round says how long
 * to wait for the next one (the work knows when it is next due), and a {@link #wakeUp() wake-up} starts the next
 * round at once. A failing round is logged and the next one tries again after the poll interval, so a broker or
 * database outage delays the work but never ends it.
 */
public abstract class PollingLoop implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final Duration pollInterval;
    private final boolean autoStartup;
    /** One per worker, so a wake-up can be aimed at one worker and is never taken by another. */
    private final List<Semaphore> wakeUps = new ArrayList<>();
    private final ThreadLocal<Integer> currentWorker = new ThreadLocal<>();
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
        for (int i = 0; i < this.workers; i++) {
            wakeUps.add(new Semaphore(0));
        }
    }

    /**
     * One round of work.
     *
     * @return how long to wait for the next round unless woken before; {@link #pollInterval()} to poll as usual
     */
    protected abstract Duration round();

    /** The wait after a failed round, and the usual wait between rounds. */
    protected Duration pollInterval() {
        return pollInterval;
    }

    /** Starts every worker's next round now instead of after the poll interval. */
    public void wakeUp() {
        wakeUps.forEach(Semaphore::release);
    }

    /** Starts the next round of worker {@code worker} (0 to workers - 1) now. */
    protected void wakeUp(int worker) {
        wakeUps.get(worker).release();
    }

    /** The index (0 to workers - 1) of the worker running the current round. */
    protected int currentWorker() {
        Integer worker = currentWorker.get();
        return worker == null ? 0 : worker;
    }

    private void runRounds(int worker) {
        currentWorker.set(worker);
        Semaphore wakeUps = this.wakeUps.get(worker);
        while (running) {
            Duration wait;
            try {
                wait = round();
            } catch (RuntimeException e) {
                log.warn("{} round failed, will retry: {}", threadName, e.getMessage());
                wait = pollInterval;
            }
            try {
                if (wakeUps.tryAcquire(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS)) {
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
            int worker = i;
            threads.add(Thread.ofPlatform().name(name).daemon().start(() -> runRounds(worker)));
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
