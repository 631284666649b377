package com.cpor.notificationservice.config;

import com.cpor.notificationservice.notification.persistence.SentMailBodyRetention;
import com.cpor.platform.retention.RetentionTask;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

/** Sent mail bodies are purged by the platform's retention loop, beside inbox rows and finished timers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailRetentionConfiguration.MailRetentionProperties.class)
public class MailRetentionConfiguration {

    @Bean
    RetentionTask sentMailBodyRetention(JdbcClient jdbc, MailRetentionProperties properties) {
        return SentMailBodyRetention.olderThan(jdbc, properties.bodies());
    }

    /**
     * {@code cpor.retention.mail.*}.
     *
     * @param bodies how long the rendered body of a sent mail is kept (for support questions about what was sent);
     *               the row itself, the sent log, stays
     */
    @ConfigurationProperties("cpor.retention.mail")
    public record MailRetentionProperties(@DefaultValue("7d") Duration bodies) {
    }
}
