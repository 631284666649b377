package com.cpor.notificationservice.notification.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpMailGatewayTest {

    @Test
    void the_gateway_names_jakarta_mails_stream_provider_so_each_mail_skips_the_service_loader_search() {
        new SmtpMailGateway(new JavaMailSenderImpl(), "noreply@cpor.example", "CPOR", "cpor.example");

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
}
