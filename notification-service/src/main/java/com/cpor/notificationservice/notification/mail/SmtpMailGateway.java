package com.cpor.notificationservice.notification.mail;

import com.cpor.notificationservice.notification.application.MailGateway;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationId;
import jakarta.activation.FileTypeMap;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Sends notifications over SMTP: multipart/alternative text + HTML, UTF-8, stable Message-ID. A {@link Connection}
 * keeps one SMTP session open for the mails of a dispatcher's round (connect, EHLO and QUIT once per round, not per
 * mail), up to {@code mailsPerConnection} mails, and opens a new one after a failure.
 */
public class SmtpMailGateway implements MailGateway {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailGateway.class);

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

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final int mailsPerConnection;

    /** @param sender Spring Boot's mail sender: its session, host, port and credentials */
    public SmtpMailGateway(JavaMailSenderImpl sender, String fromAddress, String fromName, String messageIdDomain,
                           int mailsPerConnection) {
        this.sender = sender;
        this.messageIdDomain = messageIdDomain;
        this.mailsPerConnection = Math.max(1, mailsPerConnection);
        try {
            this.from = new InternetAddress(fromAddress, fromName, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Connection connect() {
        return new SmtpConnection();
    }

    private MimeMessage message(Notification notification) {
        MimeMessage message = new FixedIdMimeMessage(sender.getSession(),
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
            message.setSentDate(new Date());
            message.saveChanges();
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("Could not build notification " + notification.id(), e);
        }
        return message;
    }

    /** As Spring's {@code JavaMailSenderImpl.connectTransport}, which is not public. */
    private Transport openTransport() throws MessagingException {
        Session session = sender.getSession();
        String protocol = sender.getProtocol() != null ? sender.getProtocol()
                : session.getProperty("mail.transport.protocol") != null
                ? session.getProperty("mail.transport.protocol") : JavaMailSenderImpl.DEFAULT_PROTOCOL;
        boolean anonymous = !StringUtils.hasLength(sender.getUsername());
        Transport transport = session.getTransport(protocol);
        transport.connect(sender.getHost(), sender.getPort(), anonymous ? null : sender.getUsername(),
                anonymous && !StringUtils.hasLength(sender.getPassword()) ? null : sender.getPassword());
        return transport;
    }

    private static MailException failed(Notification notification, MessagingException failure) {
        return failure instanceof AuthenticationFailedException ? new MailAuthenticationException(failure)
                : new MailSendException("Could not send notification " + notification.id(), failure);
    }

    /** One SMTP session for one thread's mails in a row. */
    private final class SmtpConnection implements Connection {

        private Transport transport;
        private int sentOverTransport;

        @Override
        public void send(Notification notification) {
            MimeMessage message = message(notification);
            boolean reused = transport != null;
            try {
                deliver(message);
            } catch (MessagingException failure) {
                close();
                // a server may end a session it kept open (idle timeout, mails per session); a rejected mail
                // (SendFailedException) would be rejected again, and waits for its back-off instead
                if (!reused || failure instanceof SendFailedException) {
                    throw failed(notification, failure);
                }
                log.debug("SMTP session ended under notification {}, sending it on a new one: {}",
                        notification.id(), failure.getMessage());
                try {
                    deliver(message);
                } catch (MessagingException again) {
                    close();
                    throw failed(notification, again);
                }
            }
        }

        private void deliver(MimeMessage message) throws MessagingException {
            if (transport == null) {
                transport = openTransport();
                sentOverTransport = 0;
            }
            transport.sendMessage(message, message.getAllRecipients());
            if (++sentOverTransport >= mailsPerConnection) {
                close();
            }
        }

        @Override
        public void close() {
            if (transport == null) {
                return;
            }
            try {
                transport.close();
            } catch (MessagingException e) {
                log.debug("Closing the SMTP session failed (its mails were accepted already): {}", e.getMessage());
            } finally {
                transport = null;
            }
        }
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
