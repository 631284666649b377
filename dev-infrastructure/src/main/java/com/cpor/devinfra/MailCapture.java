package com.cpor.devinfra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** A real SMTP server that keeps every message it accepts, for tests and the local stack. */
public final class MailCapture implements AutoCloseable {

    private final GreenMail greenMail;

    private MailCapture(int port) {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp.setServerStartupTimeout(10_000);
        this.greenMail = new GreenMail(smtp);
        greenMail.start();
    }

    /** @param port fixed port, or 0 for a free one */
    public static MailCapture start(int port) {
        return new MailCapture(port == 0 ? FreePorts.next() : port);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public List<MimeMessage> messages() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** Messages addressed to one recipient. */
    public List<MimeMessage> messagesTo(String address) {
        return messages().stream().filter(message -> isAddressedTo(message, address)).toList();
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(recipient -> recipient.toString().toLowerCase().contains(address.toLowerCase()));
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable captured message", e);
        }
    }

    /** Simulates an SMTP outage (tests of retries) by stopping and later restarting the server. */
    public void stop() {
        greenMail.stop();
    }

    public void restart() {
        greenMail.start();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
