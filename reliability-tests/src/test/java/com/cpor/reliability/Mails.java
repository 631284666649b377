package com.cpor.reliability;

import com.cpor.platform.testsupport.MailText;

import jakarta.mail.internet.MimeMessage;

/** Reading captured e-mails. */
final class Mails {

    private Mails() {
    }

    static String textOf(MimeMessage message) {
        return MailText.textOf(message);
    }

    static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable e-mail", e);
        }
    }
}
