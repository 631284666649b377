package com.cpor.notificationservice.notification.application;

import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The notification log: pending work for the sender, and the record staff read. */
public interface NotificationStore {

    /** Records a pending notification unless one exists for the same event, template and recipient. */
    boolean addIfAbsent(Notification notification);

    /**
     * Locks the pending notification due first that no other sender holds, due yet or not, for the caller's
     * transaction; other senders skip it (FOR UPDATE SKIP LOCKED), so each attempt is made by one instance only.
     * The caller sends it if it is due, else learns when the next one is.
     */
    Optional<Notification> lockNextPending();

    void markSent(UUID id, int attempts, Instant sentAt);

    void scheduleRetry(UUID id, int attempts, Instant nextAttemptAt, String error);

    void markFailed(UUID id, int attempts, String error);

    /** FAILED → PENDING, due at {@code now}, attempts reset. @return false if it was not FAILED */
    boolean requeueFailed(UUID id, Instant now);

    Optional<Notification> findById(UUID id);

    long count(NotificationStatus status);

    /** One page, newest first; either filter may be null. */
    List<Notification> find(String claimId, NotificationStatus status, int offset, int limit);

    /** How many {@link #find} matches in all. */
    long count(String claimId, NotificationStatus status);
}
