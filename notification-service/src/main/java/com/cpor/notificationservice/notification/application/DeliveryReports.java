package com.cpor.notificationservice.notification.application;

import com.cpor.notificationservice.notification.domain.Notification;

import java.time.Instant;

/**
 * Reports how notices that must reach their recipient went ({@code NoticeTemplate.reportsDelivery()}). Called in
 * the transaction that records it (SENT or FAILED), so a report is published exactly when the state commits.
 */
public interface DeliveryReports {

    void delivered(Notification notification, Instant deliveredAt);

    void failed(Notification notification, int attempts, Instant failedAt);
}
