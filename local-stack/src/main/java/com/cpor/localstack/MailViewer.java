package com.cpor.localstack;

import com.cpor.devinfra.MailCapture;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Shows the mail the local stack's SMTP server captured: {@code GET /} lists it (newest first, as HTML),
 * {@code GET /messages/{n}} shows one message's HTML part, {@code GET /messages/{n}.txt} its text part.
 */
final class MailViewer implements AutoCloseable {

    private final HttpServer server;
    private final MailCapture mail;

    MailViewer(MailCapture mail, int port) {
        this.mail = mail;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the mail viewer port " + port, e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            List<MimeMessage> messages = mail.messages();
            if (path.startsWith("/messages/")) {
                String id = path.substring("/messages/".length());
                boolean text = id.endsWith(".txt");
                int index = Integer.parseInt(text ? id.substring(0, id.length() - 4) : id);
                MimeMessage message = messages.get(index);
                respond(exchange, 200, text ? "text/plain" : "text/html",
                        part(message.getContent(), text ? "text/plain" : "text/html"));
                return;
            }
            StringBuilder page = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                    + "<title>Captured mail</title></head><body><h1>Captured mail (" + messages.size() + ")</h1><ul>");
            for (int i = messages.size() - 1; i >= 0; i--) {
                MimeMessage message = messages.get(i);
                page.append("<li><a href=\"/messages/").append(i).append("\">").append(escape(message.getSubject()))
                        .append("</a> to ").append(escape(String.valueOf(message.getRecipients(Message.RecipientType.TO)[0])))
                        .append(" (").append(message.getSentDate()).append(") <a href=\"/messages/").append(i)
                        .append(".txt\">text</a></li>");
            }
            respond(exchange, 200, "text/html", page.append("</ul></body></html>").toString());
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            respond(exchange, 404, "text/plain", "No such message");
        } catch (Exception e) {
            respond(exchange, 500, "text/plain", "Could not read the message: " + e.getMessage());
        }
    }

    private static String part(Object content, String mimeType) throws Exception {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(mimeType)) {
                    return String.valueOf(part.getContent());
                }
                if (part.getContent() instanceof Multipart nested) {
                    String found = part(nested, mimeType);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
        }
        return "";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
