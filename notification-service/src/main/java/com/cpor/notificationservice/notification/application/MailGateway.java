package com.cpor.notificationservice.notification.application;

import com.cpor.notificationservice.notification.domain.Notification;

/** Hands a notification to the mail server; returns normally only once the server accepted it. */
public interface MailGateway {

    void send(Notification notification);
}
