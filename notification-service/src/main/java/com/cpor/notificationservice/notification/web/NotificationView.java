package com.cpor.notificationservice.notification.web;

import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "One notification: the e-mail a triggering event caused for one recipient, and how delivery went")
public record NotificationView(
        @Schema(description = "Stable id; also the local part of the mail's Message-ID") UUID id,
        String claimId,
        @Schema(description = "The event that triggered the notice") UUID eventId,
        @Schema(example = "consent.requested") String eventType,
        @Schema(example = "customer-consent-request") String template,
        @Schema(example = "anna@contoso.example") String recipient,
        @Schema(example = "pl-PL", description = "Locale the notice was written in (after fallback)") String locale,
        String subject,
        @Schema(description = "PENDING until the SMTP server accepted it; FAILED after the last attempt (replayable)")
        NotificationStatus status,
        @Schema(description = "SMTP attempts made") int attempts,
        @Schema(description = "When the next attempt is due (PENDING only)") Instant nextAttemptAt,
        @Schema(description = "Error of the last failed attempt") String lastError,
        Instant createdAt,
        Instant sentAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.claimId(), n.eventId(), n.eventType(), n.template().templateName(),
                n.recipient(), n.locale(), n.subject(), n.status(), n.attempts(),
                n.status() == NotificationStatus.PENDING ? n.nextAttemptAt() : null, n.lastError(), n.createdAt(),
                n.sentAt());
    }
}
