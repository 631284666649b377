package com.cpor.events.notifications;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * The recipient's SMTP server accepted the notice (as close to "delivered" as SMTP tells). Written in the
 * transaction that marks the notification SENT, so it is reported exactly once per sending.
 *
 * @param notificationId the notification in notification-service's log
 * @param causeEventId   the event the notice was sent for
 * @param causeEventType its logical type name
 * @param notice         the template name
 * @param deliveredAt    when the SMTP server accepted it
 */
@JsonTypeName("notification.delivered")
public record NotificationDelivered(UUID eventId, Instant occurredAt, String claimId, UUID notificationId,
        UUID causeEventId, String causeEventType, String notice, Instant deliveredAt) implements NotificationEvent {
}
