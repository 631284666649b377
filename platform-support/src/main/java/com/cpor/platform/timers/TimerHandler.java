package com.cpor.platform.timers;

/**
 * Reacts to due timers of one kind. Runs inside the transaction that marks the timer fired, so its
 * database changes and outbox events commit together with the firing: exactly once, or not at all.
 */
public interface TimerHandler {

    String kind();

    void onDue(DueTimer timer);
}
