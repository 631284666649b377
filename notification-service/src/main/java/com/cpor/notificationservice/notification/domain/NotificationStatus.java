package com.cpor.notificationservice.notification.domain;

/** PENDING until the SMTP server accepted the mail (SENT) or the last attempt failed (FAILED, replayable). */
public enum NotificationStatus { PENDING, SENT, FAILED }
