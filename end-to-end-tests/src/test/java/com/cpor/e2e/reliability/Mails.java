package com.cpor.e2e.reliability;

import com.cpor.e2e.ConsentMail;

import jakarta.mail.internet.MimeMessage;

/** Reading captured e-mails. */
final class Mails {

    private Mails() {
    }

    static String textOf(MimeMessage message) {
        return ConsentMail.textOf(message);
    }

    static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable e-mail", e);
        }
    }
}
