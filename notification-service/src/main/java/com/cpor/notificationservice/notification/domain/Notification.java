package com.cpor.notificationservice.notification.domain;

import com.cpor.events.consents.EncryptedLink;

import java.time.Instant;
import java.util.UUID;

/**
 * One recorded notification: what was (or is to be) sent to whom because of which event, and how it went.
 * A link that is the recipient's credential (the customer's consent link) is never stored in clear: the bodies hold
 * {@link #SECRET_LINK_PLACEHOLDER} and {@code secretLink} the encrypted link, which is opened right before sending
 * and dropped once the mail was accepted.
 */
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
        Instant sentAt,
        EncryptedLink secretLink) {

    /** Stands for the secret link in stored bodies (an address that resolves nowhere, should it ever leak out). */
    public static final String SECRET_LINK_PLACEHOLDER = "https://redacted.invalid/secret-link";

    /** A new notification, due at once. */
    public static Notification pending(UUID eventId, String eventType, String claimId, NoticeTemplate template,
                                       String recipient, String recipientName, String locale,
                                       String subject, String textBody, String htmlBody, Instant now) {
        return pending(eventId, eventType, claimId, template, recipient, recipientName, locale, subject, textBody,
                htmlBody, null, now);
    }

    /** A new notification, due at once, whose bodies carry the placeholder of an encrypted secret link. */
    public static Notification pending(UUID eventId, String eventType, String claimId, NoticeTemplate template,
                                       String recipient, String recipientName, String locale,
                                       String subject, String textBody, String htmlBody, EncryptedLink secretLink,
                                       Instant now) {
        String address = recipient.trim().toLowerCase(java.util.Locale.ROOT);
        return new Notification(NotificationId.of(eventId, template, address), claimId, eventId, eventType, template,
                address, recipientName, locale, subject, textBody, htmlBody, NotificationStatus.PENDING, 0, now,
                null, now, null, secretLink);
    }

    /** The mail as it goes out: the placeholder replaced by the opened link (HTML-escaped in the HTML body). */
    public Notification withSecretLink(String link) {
        return new Notification(id, claimId, eventId, eventType, template, recipient, recipientName, locale, subject,
                textBody.replace(SECRET_LINK_PLACEHOLDER, link),
                htmlBody.replace(SECRET_LINK_PLACEHOLDER, htmlEscaped(link)),
                status, attempts, nextAttemptAt, lastError, createdAt, sentAt, secretLink);
    }

    private static String htmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
