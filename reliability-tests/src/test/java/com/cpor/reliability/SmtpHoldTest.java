package com.cpor.reliability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay the fault suite aims its notification-service kill with: the SMTP server's answer to a mail's data is
 * held (the server has the mail, the sender does not know) until released, and only when asked to.
 */
class SmtpHoldTest {

    private final ServerSocket smtpServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private final Thread server = Thread.ofVirtual().start(this::serve);
    private final SmtpHold relay = SmtpHold.start(smtpServer.getLocalPort());

    SmtpHoldTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        smtpServer.close();
        server.interrupt();
    }

    @Test
    void the_acceptance_of_the_next_mail_is_held_until_released() throws IOException {
        SmtpHold.Hold hold = relay.holdNextAcceptance();
        try (Sender sender = new Sender(relay.port())) {
            sender.sendUntilEndOfData("<0b7a1e9c-5d1f-4c4e-9a57-1f2d3c4b5a69@cpor.example>");

            assertThat(hold.awaitHeld(Duration.ofSeconds(5))).isEqualTo("0b7a1e9c-5d1f-4c4e-9a57-1f2d3c4b5a69");
            assertThatThrownBy(sender::readLine).as("the sender has not heard of the acceptance")
                    .isInstanceOf(SocketTimeoutException.class);

            hold.release();
            assertThat(sender.readLine()).startsWith("250");
        }
    }

    @Test
    void mails_pass_straight_through_when_nothing_is_held_and_a_hold_without_mail_comes_back_empty() throws IOException {
        try (Sender sender = new Sender(relay.port())) {
            sender.sendUntilEndOfData("<a@cpor.example>");
            assertThat(sender.readLine()).startsWith("250");
        }
        SmtpHold.Hold hold = relay.holdNextAcceptance();
        assertThat(hold.awaitHeld(Duration.ofMillis(300))).isNull();
        relay.disarm(hold);
        try (Sender sender = new Sender(relay.port())) {
            sender.sendUntilEndOfData("<b@cpor.example>");
            assertThat(sender.readLine()).startsWith("250");
        }
    }

    /** A minimal SMTP server: 220 greeting, 354 to DATA, 250 to everything else and to the end of the data. */
    private void serve() {
        while (!smtpServer.isClosed()) {
            try (Socket client = smtpServer.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                 OutputStream out = client.getOutputStream()) {
                reply(out, "220 test ESMTP");
                boolean data = false;
                String line;
                while ((line = in.readLine()) != null) {
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            reply(out, "250 accepted");
                        }
                    } else if (line.equalsIgnoreCase("DATA")) {
                        data = true;
                        reply(out, "354 go ahead");
                    } else {
                        reply(out, "250 ok");
                    }
                }
            } catch (IOException e) {
                // the next connection, or closed
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The sending side, reading each answer with a short timeout. */
    private static final class Sender implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final PrintStream out;

        Sender(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(500);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = new PrintStream(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
            assertThat(readLine()).startsWith("220");
        }

        /** Everything up to the end of the data; the answer to it is left to read. */
        void sendUntilEndOfData(String messageId) throws IOException {
            for (String command : new String[] {"EHLO sender", "MAIL FROM:<cpor@cpor.example>", "RCPT TO:<anna@contoso.example>"}) {
                out.print(command + "\r\n");
                assertThat(readLine()).startsWith("250");
            }
            out.print("DATA\r\n");
            assertThat(readLine()).startsWith("354");
            out.print("Message-ID: " + messageId + "\r\nSubject: notice\r\n\r\nHello\r\n.\r\n");
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
