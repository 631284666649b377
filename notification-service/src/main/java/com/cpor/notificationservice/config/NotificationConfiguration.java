package com.cpor.notificationservice.config;

import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.notificationservice.notification.application.ClaimDirectory;
import com.cpor.notificationservice.notification.application.DeliveryReports;
import com.cpor.notificationservice.notification.application.MailGateway;
import com.cpor.notificationservice.notification.application.NoticePlanner;
import com.cpor.notificationservice.notification.application.NoticeRenderer;
import com.cpor.notificationservice.notification.application.NotificationDispatcher;
import com.cpor.notificationservice.notification.application.NotificationIntake;
import com.cpor.notificationservice.notification.application.NotificationStore;
import com.cpor.notificationservice.notification.domain.NotificationStatus;
import com.cpor.notificationservice.notification.mail.DispatchLoop;
import com.cpor.notificationservice.notification.mail.MailTemplates;
import com.cpor.notificationservice.notification.mail.SmtpMailGateway;
import com.cpor.notificationservice.notification.mail.ThymeleafNoticeRenderer;
import com.cpor.notificationservice.notification.messaging.OutboxDeliveryReports;
import com.cpor.platform.inbox.Inbox;
import com.cpor.platform.outbox.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.spring6.SpringTemplateEngine;

import java.time.Clock;

/** Wires the notification pipeline: planner → renderer → store (consumer side), dispatcher → SMTP (sender side). */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    SpringTemplateEngine mailTemplateEngine(MessageSource messageSource) {
        return MailTemplates.engine(messageSource);
    }

    @Bean
    NoticeRenderer noticeRenderer(SpringTemplateEngine mailTemplateEngine, MessageSource messageSource,
                                  NotificationProperties settings) {
        return new ThymeleafNoticeRenderer(mailTemplateEngine, messageSource, settings.timeZone());
    }

    /** Opens the customer links consent-service encrypted; refuses to start with a missing or malformed key. */
    @Bean
    ConsentLinkCipher consentLinkCipher(ConsentLinkKeys keys) {
        try {
            return new ConsentLinkCipher(keys.linkEncryptionKey(), keys.previousLinkEncryptionKeys());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("cpor.consent.link-encryption-key / previous-link-encryption-keys: "
                    + invalid.getMessage(), invalid);
        }
    }

    @Bean
    DeliveryReports deliveryReports(Outbox outbox, Clock clock) {
        return new OutboxDeliveryReports(outbox, clock);
    }

    @Bean
    NoticePlanner noticePlanner(ClaimDirectory directory, NotificationProperties settings, ConsentLinkCipher links) {
        return new NoticePlanner(directory, settings, links);
    }

    @Bean
    NotificationIntake notificationIntake(Inbox inbox, ClaimDirectory directory, NoticePlanner planner,
                                          NoticeRenderer renderer, NotificationStore store, Clock clock,
                                          DeliveryReports deliveryReports, DispatchLoop notificationDispatchLoop) {
        return new NotificationIntake(inbox, directory, planner, renderer, store, clock, deliveryReports,
                notificationDispatchLoop);
    }

    @Bean
    MailGateway mailGateway(JavaMailSenderImpl mailSender, NotificationProperties settings) {
        return new SmtpMailGateway(mailSender, settings.from(), settings.fromName(), settings.messageIdDomain(),
                settings.delivery().mailsPerConnection());
    }

    @Bean
    NotificationDispatcher notificationDispatcher(NotificationStore store, MailGateway mailGateway,
                                                  TransactionTemplate transactions, NotificationProperties settings,
                                                  Clock clock, MeterRegistry meters, ConsentLinkCipher links,
                                                  DeliveryReports deliveryReports) {
        return new NotificationDispatcher(store, mailGateway, transactions, settings.delivery().policy(), clock, meters,
                links, deliveryReports);
    }

    /** Backlog an operator alerts on: mail waiting for delivery, and dead letters waiting for a replay. */
    @Bean
    MeterBinder notificationBacklog(NotificationStore store) {
        return registry -> {
            Gauge.builder("cpor.notifications.pending", store, s -> s.count(NotificationStatus.PENDING))
                    .description("Notifications not yet accepted by the SMTP server").register(registry);
            Gauge.builder("cpor.notifications.dead", store, s -> s.count(NotificationStatus.FAILED))
                    .description("Notifications FAILED after the last attempt, awaiting replay").register(registry);
        };
    }

    @Bean
    DispatchLoop notificationDispatchLoop(NotificationDispatcher dispatcher, NotificationProperties settings,
                                          Clock clock) {
        return new DispatchLoop(dispatcher, clock, settings.delivery().pollInterval(),
                settings.delivery().idlePollInterval(), settings.delivery().enabled(), settings.delivery().workers());
    }
}
