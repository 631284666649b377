package com.cpor.platform.config;

import com.cpor.platform.messaging.KafkaHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** The broker's reachability in {@code /actuator/health}. */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class KafkaHealthAutoConfiguration {

    /**
     * Named {@code kafka}: shown in {@code /actuator/health} but not part of readiness (see {@link PlatformDefaults}):
     * the outbox buffers writes while the broker is away.
     */
    @Bean(name = "kafka")
    @ConditionalOnMissingBean(name = "kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
