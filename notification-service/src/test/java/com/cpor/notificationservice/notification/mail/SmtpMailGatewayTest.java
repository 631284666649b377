package com.cpor.notificationservice.notification.mail;

import com.cpor.devinfra.MailCapture;
import com.cpor.notificationservice.notification.application.MailGateway;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.Notification;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpMailGatewayTest {

    private final MailCapture smtp = MailCapture.start(0);

    @AfterEach
    void stopSmtp() {
        smtp.close();
    }

    @Test
    void the_gateway_names_jakarta_mails_stream_provider_so_each_mail_skips_the_service_loader_search() {
        gateway(100);

        assertThat(System.getProperty(SmtpMailGateway.STREAM_PROVIDER))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider().getClass().getName())
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }

    @Test
    void every_mail_reuses_one_file_type_map_instead_of_searching_the_classpath_for_a_new_one() throws Exception {
        Session session = Session.getInstance(new Properties());

        var first = new SmtpMailGateway.SharedFileTypesHelper(new MimeMessage(session));
        var second = new SmtpMailGateway.SharedFileTypesHelper(new MimeMessage(session));

        assertThat(first.getFileTypeMap()).isSameAs(second.getFileTypeMap());
        assertThat(first.getFileTypeMap().getContentType("poe.pdf")).isEqualTo("application/pdf");
    }

    @Test
    void the_mails_of_one_connection_share_one_smtp_session_and_keep_their_message_ids() {
        List<Notification> mails = List.of(mail(), mail(), mail());

        try (MailGateway.Connection connection = gateway(100).connect()) {
            mails.forEach(connection::send);
        }

        assertThat(smtp.connections()).isEqualTo(1);
        assertThat(smtp.messages()).hasSize(3);
        for (Notification mail : mails) {
            assertThat(smtp.messagesTo(mail.recipient())).singleElement()
                    .extracting(SmtpMailGatewayTest::messageId).isEqualTo("<" + mail.id() + "@cpor.example>");
        }
    }

    @Test
    void opening_a_connection_costs_nothing_until_the_first_mail() {
        gateway(100).connect().close();

        assertThat(smtp.connections()).isZero();
    }

    @Test
    void a_session_the_server_ended_between_two_mails_is_reopened_and_the_second_mail_still_goes_out() {
        Notification second = mail();
        try (MailGateway.Connection connection = gateway(100).connect()) {
            connection.send(mail());
            smtp.stop();
            smtp.restart();

            connection.send(second);
        }

        assertThat(smtp.messagesTo(second.recipient())).hasSize(1);
        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void after_mails_per_connection_mails_the_next_one_opens_a_new_session() {
        try (MailGateway.Connection connection = gateway(2).connect()) {
            connection.send(mail());
            connection.send(mail());
            connection.send(mail());
        }

        assertThat(smtp.messages()).hasSize(3);
        assertThat(smtp.connections()).isEqualTo(2);
    }

    private SmtpMailGateway gateway(int mailsPerConnection) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port());
        return new SmtpMailGateway(sender, "noreply@cpor.example", "CPOR", "cpor.example", mailsPerConnection);
    }

    private static Notification mail() {
        return Notification.pending(UUID.randomUUID(), "claim.status-changed", "c-1", NoticeTemplate.PARTNER_CLAIM_APPROVED,
                "partner-" + UUID.randomUUID() + "@contoso.example", "Partner", "en-US", "Approved", "text",
                "<p>html</p>", Instant.parse("2026-11-20T10:00:00Z"));
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
