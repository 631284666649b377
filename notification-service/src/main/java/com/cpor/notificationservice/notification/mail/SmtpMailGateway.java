package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.MailGateway;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationId;
import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.ClassUtils;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Sends a notification over SMTP (Spring Mail): multipart/alternative text + HTML, UTF-8, stable Message-ID. */
public class SmtpMailGateway implements MailGateway {

    /** The system property Jakarta Mail reads before it falls back to a ServiceLoader search. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail finds its StreamProvider anew for every multipart it builds; without a name that is a
        // ServiceLoader search that opens the fat jar's nested jars each time (a quarter of this service's CPU in
        // the lifecycle benchmark, docs/benchmarks.md). Named, it is a lookup of an already loaded class.
        if (System.getProperty(STREAM_PROVIDER) == null
                && ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, SmtpMailGateway.class.getClassLoader())) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
    }

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
            MimeMessageHelper helper = new SharedFileTypesHelper(message);
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

    /**
     * Spring builds a new file-type map for every helper of a message it did not create itself, and Jakarta
     * Activation fills it by searching the classpath (every nested jar) for {@code mime.types} and its provider:
     * most of the dispatcher's CPU in the lifecycle benchmark. The map is read-only once built, so one serves all.
     */
    static final class SharedFileTypesHelper extends MimeMessageHelper {

        private static final FileTypeMap FILE_TYPES = newFileTypeMap();

        SharedFileTypesHelper(MimeMessage message) throws MessagingException {
            super(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return FILE_TYPES;
        }

        private static FileTypeMap newFileTypeMap() {
            ConfigurableMimeFileTypeMap fileTypes = new ConfigurableMimeFileTypeMap();
            fileTypes.afterPropertiesSet();
            return fileTypes;
        }
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
