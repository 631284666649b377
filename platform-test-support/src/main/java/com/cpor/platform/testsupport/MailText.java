package com.cpor.platform.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test reads in a captured e-mail: its text (all parts) and the customer's consent link. */
public final class MailText {

    private static final Pattern CONSENT_LINK = Pattern.compile("https?://[^\\s\"'<>]+/consent/[A-Za-z0-9._~%\\-]+");

    private MailText() {
    }

    public static String consentLinkIn(MimeMessage message) {
        Matcher link = CONSENT_LINK.matcher(textOf(message));
        if (!link.find()) {
            throw new AssertionError("No consent link in the e-mail");
        }
        return link.group();
    }

    public static String textOf(MimeMessage message) {
        try {
            return collect(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable e-mail", e);
        }
    }

    private static String collect(Object content) throws Exception {
        if (content instanceof String text) {
            return text;
        }
        StringBuilder all = new StringBuilder();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                all.append(collect(part.getContent())).append('\n');
            }
        }
        return all.toString();
    }
}
