package com.cpor.notificationservice.notification.domain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A notification's id is derived from what makes it unique (event, template, recipient), so a redelivered
 * event yields the same id, and the mail's {@code Message-ID} (built from it) is the same on every attempt.
 */
public final class NotificationId {

    private NotificationId() {
    }

    public static UUID of(UUID eventId, NoticeTemplate template, String recipientEmail) {
        String key = eventId + "|" + template.templateName() + "|" + recipientEmail.trim().toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5322 message id: {@code <notification-id@domain>}. */
    public static String messageId(UUID notificationId, String domain) {
        return "<" + notificationId + "@" + domain + ">";
    }
}
