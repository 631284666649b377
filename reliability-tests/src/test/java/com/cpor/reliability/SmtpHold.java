package com.cpor.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay between notification-service and the SMTP capture that can hold the server's answer to one mail's
 * data. The capture has then accepted the mail while the sender has not heard so, so a SIGKILL at that moment lands
 * inside the crash window between the SMTP send and the SENT record every time, not by luck of timing.
 */
final class SmtpHold implements AutoCloseable {

    private static final Pattern MESSAGE_ID = Pattern.compile("^message-id:\\s*<?([^@>\\s]+)", Pattern.CASE_INSENSITIVE);

    /** One held acceptance: which mail (its notification id, the local part of the Message-ID), and its release. */
    static final class Hold {
        private final CompletableFuture<String> held = new CompletableFuture<>();
        private final CountDownLatch released = new CountDownLatch(1);

        /** @return the notification id of the mail whose acceptance is held, or null if none was sent in time */
        String awaitHeld(Duration timeout) {
            try {
                return held.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Lets the held answer go on (to a sender that is gone by then) and stops holding. */
        void release() {
            released.countDown();
        }
    }

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicReference<Hold> armed = new AtomicReference<>();
    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-hold");
        thread.setDaemon(true);
        return thread;
    });

    private SmtpHold(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pumps.submit(this::accept);
    }

    /** Relays to the SMTP server on {@code upstreamPort} of the loopback address (which may start later). */
    static SmtpHold start(int upstreamPort) {
        try {
            return new SmtpHold(upstreamPort);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the SMTP relay", e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** The server's answer to the next mail's data is held until {@link Hold#release()}. */
    Hold holdNextAcceptance() {
        Hold hold = new Hold();
        if (!armed.compareAndSet(null, hold)) {
            throw new IllegalStateException("An acceptance is already being held");
        }
        return hold;
    }

    /** Stops waiting for a mail to hold (none came). */
    void disarm(Hold hold) {
        armed.compareAndSet(hold, null);
        hold.release();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Connection connection = new Connection(client, upstream);
                pumps.submit(connection::fromClient);
                pumps.submit(connection::fromServer);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /** One SMTP session: watches the client's lines for the end of a mail's data and its Message-ID. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean inData;
        /** the next answer from the server is the one to the mail's data */
        private volatile boolean dataEnded;
        private volatile String messageId;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void fromClient() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    for (int i = 0; i < read; i++) {
                        line.write(buffer[i]);
                        if (buffer[i] == '\n') {
                            clientLine(line.toString(StandardCharsets.ISO_8859_1).strip());
                            line.reset();
                        }
                    }
                    // seen before the server can answer it
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the sender went away (or was killed)
            } finally {
                closeBoth();
            }
        }

        private void clientLine(String text) {
            if (!inData) {
                inData = text.equalsIgnoreCase("DATA");
                if (inData) {
                    messageId = null;
                }
            } else if (text.equals(".")) {
                inData = false;
                dataEnded = true;
            } else if (messageId == null) {
                Matcher id = MESSAGE_ID.matcher(text);
                if (id.find()) {
                    messageId = id.group(1);
                }
            }
        }

        void fromServer() {
            byte[] buffer = new byte[8192];
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (dataEnded) {
                        dataEnded = false;
                        Hold hold = armed.getAndSet(null);
                        if (hold != null) {
                            hold.held.complete(messageId);
                            hold.released.await(2, TimeUnit.MINUTES);
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the sender is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        pumps.shutdownNow();
    }
}
