package com.cpor.notificationservice.notification.application;

import com.cpor.notificationservice.notification.domain.Notification;

/** Hands notifications to the mail server. */
public interface MailGateway {

    /**
     * A connection for several mails in a row: opened at the first mail (an idle round costs nothing), reopened
     * after a failure, closed by the caller when its round is over.
     */
    Connection connect();

    interface Connection extends AutoCloseable {

        /** Returns normally only once the server accepted the mail. */
        void send(Notification notification);

        /** Ends the session with the server; never throws (the mails sent are accepted already). */
        @Override
        void close();
    }
}
