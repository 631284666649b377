package com.cpor.platform.timers;

/**
 * Reacts to due timers of one kind. Runs inside the transaction that marks the timer fired, so its
 * database changes and outbox events commit together with the firing: exactly once, or not at all.
 */
public interface TimerHandler {

    String kind();

    /**
     * Locks what {@link #onDue} will change, before the poller locks the timer row. A service whose own
     * transactions lock their aggregate first and its timers second (a reviewer's decision locks the review, then
     * cancels its timers) takes the same order here, so a firing and a user action wait for each other instead of
     * deadlocking. By default nothing is locked: the order is then timer row first, then what {@code onDue} locks.
     */
    default void lockSubject(DueTimer timer) {
    }

    void onDue(DueTimer timer);
}
