package com.cpor.consentservice.consent.web;

import com.cpor.consentservice.consent.domain.ConsentStatus;
import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.consentservice.consent.domain.Declination;
import com.cpor.consentservice.consent.domain.NoticeState;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "One opt-out window; the customer link itself is never shown")
record ConsentWindowResponse(
        @Schema(example = "cw-2b6f0c1e-8f0e-4a43-9d3c-7b1c9f0a1d22") String consentId,
        @Schema(description = "OPEN: customer may decline; DECLINED; ELAPSED: ended without decline; "
                + "CLOSED: claim left APPROVED during the window") ConsentStatus status,
        Instant openedAt,
        @Schema(description = "The end: the window counts from the delivery of the customer's notice, so until then "
                + "this is an estimate (as if delivered at once) and the window is held") Instant windowEndsAt,
        @Schema(description = "When the window stopped being open (declined, elapsed or closed)") Instant closedAt,
        @Schema(description = "Set when the customer declined") Decline decline,
        @Schema(description = "The customer's notice: AWAITING_DELIVERY, DELIVERED (the window runs), FAILED (held "
                + "until the notice is resent)") NoticeState notice,
        @Schema(description = "When the customer's notice was delivered: the window's start") Instant noticeDeliveredAt) {

    @Schema(description = "Evidence of the customer's decline")
    record Decline(Instant declinedAt,
                   @Schema(description = "Name of the link's recipient (customer contact)") String declinedByName,
                   @Schema(description = "E-mail of the link's recipient (customer contact)") String declinedByEmail,
                   String ipAddress,
                   String userAgent) {
    }

    static ConsentWindowResponse of(ConsentWindow window) {
        Declination declination = window.declination();
        return new ConsentWindowResponse(window.consentId(), window.status(), window.openedAt(),
                window.windowEndsAt(), window.closedAt(), declination == null ? null
                : new Decline(declination.at(), declination.recipientName(), declination.recipientEmail(),
                        declination.ipAddress(), declination.userAgent()), window.notice(), window.noticeDeliveredAt());
    }
}
