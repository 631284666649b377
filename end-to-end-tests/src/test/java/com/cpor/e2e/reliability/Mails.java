package com.cpor.e2e.reliability;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** Reading captured e-mails. */
final class Mails {

    private Mails() {
    }

    static String textOf(MimeMessage message) {
        try {
            return collect(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable e-mail", e);
        }
    }

    static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
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
