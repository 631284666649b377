package com.cpor.platform.timers;

import java.util.List;

/**
 * Reacts to due timers of one kind. Runs inside the transaction that marks the timer fired, so its
 * database changes and outbox events commit together with the firing: exactly once, or not at all.
 * <p>
 * The poller fires due timers in batches, one transaction per batch ({@link #lockSubjects}, {@link #onAllDue}); if
 * anything in a batch fails, none of it commits and each of its timers is fired again alone, in its own transaction
 * ({@link #lockSubject}, {@link #onDue}), so a timer that cannot fire fails by itself and never holds its neighbours
 * back. A firing may change the timers of its own claim (cancel, schedule), never those of another claim.
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

    /** {@link #lockSubject} for each timer of a batch (of distinct claims or not), before their timer rows are locked. */
    default void lockSubjects(List<DueTimer> timers) {
        timers.forEach(this::lockSubject);
    }

    /**
     * Fires several due timers of distinct claims, in the given order, in one transaction. A handler that can do it
     * set-based (load, change and record events for all of them in a few statements) overrides this; by default each
     * is handed to {@link #onDue} in turn. Events must be appended in the given order (a claim's order of firings).
     */
    default void onAllDue(List<DueTimer> timers) {
        timers.forEach(this::onDue);
    }
}
