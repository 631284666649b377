package com.cpor.notificationservice.notification.application;

import java.util.Locale;

/** A notice written out for its recipient: what is stored and later sent. */
public record RenderedMail(Locale locale, String subject, String textBody, String htmlBody) {
}
