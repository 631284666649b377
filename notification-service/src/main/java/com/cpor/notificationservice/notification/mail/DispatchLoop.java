package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import com.cpor.platform.background.PollingLoop;

import java.time.Duration;

/** Runs the dispatcher on a background thread every poll interval while the service runs. */
public class DispatchLoop extends PollingLoop {

    private final NotificationDispatcher dispatcher;

    public DispatchLoop(NotificationDispatcher dispatcher, Duration pollInterval, boolean enabled) {
        super("notification-dispatch", pollInterval, enabled);
        this.dispatcher = dispatcher;
    }

    @Override
    protected void round() {
        dispatcher.dispatchDue();
    }
}
