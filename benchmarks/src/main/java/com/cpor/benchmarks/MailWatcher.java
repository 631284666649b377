package com.cpor.benchmarks;

import com.cpor.devinfra.MailCapture;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the SMTP capture (GreenMail, in this JVM) accepted the first message for each recipient: polled every
 * 20 ms, so the figure is accurate to about that.
 */
final class MailWatcher implements AutoCloseable {

    private final MailCapture mail;
    private final Map<String, Instant> firstAcceptedAt = new ConcurrentHashMap<>();
    private final Thread worker;
    private volatile boolean running = true;
    private int seen;

    MailWatcher(MailCapture mail) {
        this.mail = mail;
        this.worker = Thread.ofPlatform().name("mail-watcher").daemon().start(this::poll);
    }

    private void poll() {
        while (running) {
            List<MimeMessage> messages = mail.messages();
            Instant now = Instant.now();
            for (int i = seen; i < messages.size(); i++) {
                try {
                    Address[] recipients = messages.get(i).getAllRecipients();
                    if (recipients != null) {
                        for (Address recipient : recipients) {
                            String address = recipient instanceof InternetAddress internet ? internet.getAddress()
                                    : recipient.toString();
                            firstAcceptedAt.putIfAbsent(address.toLowerCase(Locale.ROOT), now);
                        }
                    }
                } catch (MessagingException e) {
                    // an unreadable message has no recipient to time
                }
            }
            seen = messages.size();
            try {
                Thread.sleep(Duration.ofMillis(20));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Instant firstAcceptedFor(String address) {
        return firstAcceptedAt.get(address.toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
