package com.cpor.notificationservice.notification.messaging;

import com.cpor.events.notifications.NotificationDelivered;
import com.cpor.events.notifications.NotificationFailed;
import com.cpor.notificationservice.notification.application.DeliveryReports;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.platform.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Delivery reports on {@code cpor.notifications.v1}, through the outbox of the recording transaction. */
public class OutboxDeliveryReports implements DeliveryReports {

    private final Outbox outbox;
    private final Clock clock;

    public OutboxDeliveryReports(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void delivered(Notification notification, Instant deliveredAt) {
        outbox.append(new NotificationDelivered(UUID.randomUUID(), clock.instant(), notification.claimId(),
                notification.id(), notification.eventId(), notification.eventType(),
                notification.template().templateName(), deliveredAt));
    }

    @Override
    public void failed(Notification notification, int attempts, Instant failedAt) {
        outbox.append(new NotificationFailed(UUID.randomUUID(), clock.instant(), notification.claimId(),
                notification.id(), notification.eventId(), notification.eventType(),
                notification.template().templateName(), attempts, failedAt));
    }
}
