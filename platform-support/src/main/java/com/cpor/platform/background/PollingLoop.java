package com.cpor.platform.background;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
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
    private volatile boolean running;
    private Thread worker;

    protected PollingLoop(String threadName, Duration pollInterval, boolean autoStartup) {
        this.threadName = threadName;
        this.pollInterval = pollInterval;
        this.autoStartup = autoStartup;
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
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name(threadName).daemon().start(this::runRounds);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
