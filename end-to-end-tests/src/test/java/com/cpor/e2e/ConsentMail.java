package com.cpor.e2e;

import com.cpor.platform.testsupport.MailText;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** The customer's consent e-mail as it arrived over SMTP, and the link in it. */
public final class ConsentMail {

    private ConsentMail() {
    }

    static MimeMessage awaitFor(String address) {
        List<MimeMessage> messages = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> E2EPlatform.get().mail().messagesTo(address), found -> !found.isEmpty());
        return messages.getFirst();
    }

    public static String linkIn(MimeMessage message) {
        return MailText.consentLinkIn(message);
    }

    public static String textOf(MimeMessage message) {
        return MailText.textOf(message);
    }
}
