package com.cpor.devinfra;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.net.Socket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server that keeps every message it accepts, for tests and the local stack. It also counts the
 * connections clients opened, so tests can see whether a sender reuses its connection.
 */
public final class MailCapture implements AutoCloseable {

    private final AtomicInteger connections = new AtomicInteger();
    private final GreenMail greenMail;

    private MailCapture(int port) {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp.setServerStartupTimeout(10_000);
        this.greenMail = new GreenMail(smtp) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
                Map<String, AbstractServer> services = new HashMap<>();
                services.put(ServerSetup.PROTOCOL_SMTP, new CountingSmtpServer(config[0], managers));
                return services;
            }
        };
        greenMail.start();
    }

    /** @param port fixed port, or 0 for a free one */
    public static MailCapture start(int port) {
        return new MailCapture(port == 0 ? FreePorts.next() : port);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** SMTP connections accepted since the start (restarts included). */
    public int connections() {
        return connections.get();
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

    private final class CountingSmtpServer extends SmtpServer {

        CountingSmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            connections.incrementAndGet();
            return super.createProtocolHandler(socket);
        }
    }
}
