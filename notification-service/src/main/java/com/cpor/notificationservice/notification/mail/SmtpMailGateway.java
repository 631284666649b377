package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.MailGateway;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationId;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Sends a notification over SMTP (Spring Mail): multipart/alternative text + HTML, UTF-8, stable Message-ID. */
public class SmtpMailGateway implements MailGateway {

    private final JavaMailSender sender;
    private final InternetAddress from;
    private final String messageIdDomain;

    public SmtpMailGateway(JavaMailSender sender, String fromAddress, String fromName, String messageIdDomain) {
        this.sender = sender;
        this.messageIdDomain = messageIdDomain;
        try {
            this.from = new InternetAddress(fromAddress, fromName, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void send(Notification notification) {
        MimeMessage message = new FixedIdMimeMessage(session(),
                NotificationId.messageId(notification.id(), messageIdDomain));
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(new InternetAddress(notification.recipient(), notification.recipientName(),
                    StandardCharsets.UTF_8.name()));
            helper.setSubject(notification.subject());
            helper.setText(notification.textBody(), notification.htmlBody());
            message.setHeader("X-CPOR-Claim-Id", notification.claimId());
            message.setHeader("X-CPOR-Notice", notification.template().templateName());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Could not build notification " + notification.id(), e);
        }
        sender.send(message);
    }

    private Session session() {
        return sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
    }

    /** Keeps the Message-ID derived from the notification id instead of a fresh random one per save. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
