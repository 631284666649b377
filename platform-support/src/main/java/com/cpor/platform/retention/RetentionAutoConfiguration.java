package com.cpor.platform.retention;

import com.cpor.platform.config.InboxAutoConfiguration;
import com.cpor.platform.config.OutboxAutoConfiguration;
import com.cpor.platform.web.idempotency.IdempotencyAutoConfiguration;
import com.cpor.platform.web.idempotency.IdempotencyProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;

/** Purges inbox rows, finished timers, expired idempotency keys and whatever services add as {@link RetentionTask} beans. */
@AutoConfiguration(after = {InboxAutoConfiguration.class, OutboxAutoConfiguration.class, IdempotencyAutoConfiguration.class})
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

    @Bean
    RetentionTask inboxRetention(JdbcClient jdbc, RetentionProperties properties, Environment environment) {
        requireInboxOutlivesRedelivery(properties.inbox(), environment);
        return SqlRetentionTask.inbox(jdbc, properties.inbox());
    }

    @Bean
    RetentionTask timerRetention(JdbcClient jdbc, RetentionProperties properties) {
        return SqlRetentionTask.timers(jdbc, properties.timers());
    }

    /** Idempotency keys past {@code cpor.idempotency.retention}, where the mechanism is on. */
    @Bean
    @ConditionalOnBean(IdempotencyProperties.class)
    RetentionTask idempotencyKeyRetention(JdbcClient jdbc, IdempotencyProperties idempotency) {
        return SqlRetentionTask.idempotencyKeys(jdbc, idempotency.retention());
    }

    @Bean
    RetentionCleaner retentionCleaner(JdbcClient jdbc, TransactionTemplate transactions, List<RetentionTask> tasks,
                                      RetentionProperties properties, MeterRegistry meters) {
        return new RetentionCleaner(jdbc, transactions, tasks, properties, meters);
    }

    /**
     * An event can come again as long as a topic keeps it: a consumer group whose offsets were lost re-reads its
     * topics from the start, and an operator may replay a dead-letter topic. An inbox that forgot the event's id
     * by then applies it twice, so start-up refuses an inbox retention shorter than either topic retention
     * plus a day.
     */
    static void requireInboxOutlivesRedelivery(Duration inbox, Environment environment) {
        Binder binder = Binder.get(environment);
        Duration topics = binder.bind("cpor.messaging.retention", Duration.class).orElse(Duration.ofDays(7));
        Duration deadLetters = binder.bind("cpor.messaging.dead-letter-retention", Duration.class)
                .orElse(Duration.ofDays(30));
        Duration redelivery = topics.compareTo(deadLetters) >= 0 ? topics : deadLetters;
        if (inbox.compareTo(redelivery.plusDays(1)) < 0) {
            throw new IllegalStateException("cpor.retention.inbox (" + inbox + ") must exceed the longest topic "
                    + "retention (" + redelivery + ") by at least a day: a redelivered event older than the inbox "
                    + "retention would be applied twice");
        }
    }
}
