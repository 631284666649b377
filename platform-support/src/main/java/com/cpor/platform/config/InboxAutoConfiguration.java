package com.cpor.platform.config;

import com.cpor.platform.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Consuming once: each event id recorded with its effect, so a redelivered or replayed event is skipped. */
@AutoConfiguration
public class InboxAutoConfiguration {

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        return new Inbox(jdbc, transactions, meters);
    }
}
