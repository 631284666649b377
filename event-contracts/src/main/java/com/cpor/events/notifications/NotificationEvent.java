package com.cpor.events.notifications;

import com.cpor.events.CporEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Events on {@code cpor.notifications.v1}, written by notification-service: how a notice that must reach its
 * recipient went (today only the customer's consent notice is reported; consent-service holds the opt-out window
 * until it was delivered).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(NotificationDelivered.class),
        @JsonSubTypes.Type(NotificationFailed.class)
})
public sealed interface NotificationEvent extends CporEvent permits NotificationDelivered, NotificationFailed {

    /** The notice's template name, e.g. {@code customer-consent-request}. */
    String notice();

    /** The event that caused the notice (for the consent notice: the {@code consent.requested} event). */
    java.util.UUID causeEventId();
}
