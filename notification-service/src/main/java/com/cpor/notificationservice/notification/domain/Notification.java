package com.cpor.notificationservice.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** One recorded notification: what was (or is to be) sent to whom because of which event, and how it went. */
public record Notification(
        UUID id,
        String claimId,
        UUID eventId,
        String eventType,
        NoticeTemplate template,
        String recipient,
        String recipientName,
        String locale,
        String subject,
        String textBody,
        String htmlBody,
        NotificationStatus status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant sentAt) {

    /** A new notification, due at once. */
    public static Notification pending(UUID eventId, String eventType, String claimId, NoticeTemplate template,
                                       String recipient, String recipientName, String locale,
                                       String subject, String textBody, String htmlBody, Instant now) {
        String address = recipient.trim().toLowerCase(java.util.Locale.ROOT);
        return new Notification(NotificationId.of(eventId, template, address), claimId, eventId, eventType, template,
                address, recipientName, locale, subject, textBody, htmlBody, NotificationStatus.PENDING, 0, now,
                null, now, null);
    }
}
