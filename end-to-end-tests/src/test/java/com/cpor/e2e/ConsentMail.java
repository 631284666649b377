package com.cpor.e2e;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** The customer's consent e-mail as it arrived over SMTP, and the link in it. */
public final class ConsentMail {

    private static final Pattern CONSENT_LINK = Pattern.compile("https?://[^\\s\"'<>]+/consent/[A-Za-z0-9._~%\\-]+");

    private ConsentMail() {
    }

    static MimeMessage awaitFor(String address) {
        List<MimeMessage> messages = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> E2EPlatform.get().mail().messagesTo(address), found -> !found.isEmpty());
        return messages.getFirst();
    }

    public static String linkIn(MimeMessage message) {
        Matcher link = CONSENT_LINK.matcher(textOf(message));
        if (!link.find()) {
            throw new AssertionError("No consent link in the e-mail");
        }
        return link.group();
    }

    public static String textOf(MimeMessage message) {
        try {
            return collect(message.getContent());
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
