package com.cpor.platform.retention;

/**
 * One kind of data that is purged after its retention. A service adds its own as a bean (e.g. notification-service
 * drops the bodies of sent mail); the {@link RetentionCleaner} runs them all.
 */
public interface RetentionTask {

    /** Names the task in logs and in the {@code cpor.retention.purged} metric ({@code what} tag). */
    String name();

    /**
     * Purges at most {@code limit} rows past their retention, inside the caller's transaction. The query must be
     * served by an index, so a purge costs the same however large the table is.
     *
     * @return how many rows were purged; fewer than {@code limit} means none are left for now
     */
    int purge(int limit);
}
