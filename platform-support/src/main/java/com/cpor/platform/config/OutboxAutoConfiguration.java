package com.cpor.platform.config;

import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Publishing: events written to the outbox in the transaction of their change, and the relay that sends them. */
@AutoConfiguration(before = KafkaAutoConfiguration.class, after = ClockAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<Object, Object> kafkaTemplate,
                            PlatformProperties properties, @Value("${spring.application.name}") String serviceName,
                            Clock clock, MeterRegistry meters) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        KafkaTemplate<String, Object> events = (KafkaTemplate) kafkaTemplate;
        return new OutboxRelay(jdbc, transactions, events, properties.outbox(), serviceName, clock, meters);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay, ObjectProvider<Tracer> tracer,
                  ObjectProvider<Propagator> propagator) {
        return new Outbox(jdbc, relay::wakeUp, () -> currentTraceParent(tracer.getIfAvailable(),
                propagator.getIfAvailable()));
    }

    /** The W3C {@code traceparent} of the current span, as the propagator would send it, or null. */
    private static String currentTraceParent(Tracer tracer, Propagator propagator) {
        if (tracer == null || propagator == null || tracer.currentTraceContext().context() == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(tracer.currentTraceContext().context(), headers, Map::put);
        return headers.get("traceparent");
    }
}
