package com.cpor.events.notifications;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * The notice could not be delivered: the last attempt failed (or it had no address) and it is parked as FAILED
 * until an operator replays it ({@code POST /api/v1/notifications/{id}/retry}); a replay that succeeds reports
 * {@link NotificationDelivered}. The failure text stays in notification-service (it may name the recipient).
 *
 * @param attempts how many times sending was tried
 * @param failedAt when the notice was given up
 */
@JsonTypeName("notification.failed")
public record NotificationFailed(UUID eventId, Instant occurredAt, String claimId, UUID notificationId,
        UUID causeEventId, String causeEventType, String notice, int attempts, Instant failedAt)
        implements NotificationEvent {
}
