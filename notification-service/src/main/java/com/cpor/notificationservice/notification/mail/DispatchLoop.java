package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/** Runs the dispatcher on a background thread every poll interval while the service runs. */
public class DispatchLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

    private final NotificationDispatcher dispatcher;
    private final Duration pollInterval;
    private final boolean enabled;
    private volatile boolean running;
    private Thread worker;

    public DispatchLoop(NotificationDispatcher dispatcher, Duration pollInterval, boolean enabled) {
        this.dispatcher = dispatcher;
        this.pollInterval = pollInterval;
        this.enabled = enabled;
    }

    private void runLoop() {
        while (running) {
            try {
                dispatcher.dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Notification dispatch failed, will retry: {}", e.getMessage());
            }
            try {
                Thread.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("notification-dispatch").daemon().start(this::runLoop);
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
        return enabled;
    }
}
