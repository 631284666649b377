package com.cpor.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static java.util.Map.entry;

/**
 * Defaults every service shares, at the lowest precedence so a service's own configuration or the
 * deployment's environment overrides any of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            // trace context from record headers into listener spans, so traces cross Kafka hops
            entry("spring.kafka.listener.observation-enabled", "true"),
            // consumed offsets are committed every 5 s instead of after every poll (at a low rate, after every
            // record): each commit is a broker round trip and a write to __consumer_offsets. A crash redelivers at
            // most those seconds of records, which the inboxes skip; a rebalance or a stop commits first
            entry("spring.kafka.listener.ack-mode", "time"),
            entry("spring.kafka.listener.ack-time", "5s"),
            // every claim's journey is worth a trace; sample less where volume demands it
            entry("management.tracing.sampling.probability", "1.0"),
            // metrics are scraped by Prometheus; spans go out only where a deployment names an OTLP endpoint
            entry("management.otlp.metrics.export.enabled", "false"),
            entry("spring.messages.fallback-to-system-locale", "false"),
            // liveness: the process; readiness: it can reach its database. Not Kafka: while the broker is away
            // the outbox buffers claim writes and the consent page still works, so taking every instance out of
            // rotation would turn a messaging delay into an outage (the kafka indicator stays in /actuator/health)
            entry("management.endpoint.health.probes.enabled", "true"),
            entry("management.endpoint.health.group.liveness.include", "livenessState"),
            entry("management.endpoint.health.group.readiness.include", "readinessState,db"),
            // fail fast when the database is away (Hikari waits 30 s by default): a request answers 503 in seconds
            // instead of holding its thread, and a listener attempt stays far below max.poll.interval.ms while it
            // waits out the outage with its own back-off (see DeadLetterAutoConfiguration)
            entry("spring.datasource.hikari.connection-timeout", "5000"),
            // an idle pool checks each connection every 3 minutes instead of 2 (each check is a transaction): still
            // below the 4-minute idle timeout of Azure's load balancers, the shortest common network one
            entry("spring.datasource.hikari.keepalive-time", "180000"),
            // an idle consumer's fetch waits at the broker for up to this long instead of 0.5 s: records still come
            // back the moment they arrive (fetch.min.bytes = 1), so only the idle fetch loop gets slower
            entry("spring.kafka.consumer.fetch-max-wait", "5s"),
            // the declared retention and min.insync.replicas also reach topics created by an earlier version
            entry("spring.kafka.admin.modify-topic-configs", "true"),
            // behind the gateway, Location headers and the OpenAPI server URL name the public host and scheme
            // (X-Forwarded-Host/-Proto/-Port), and the client address is the caller's; Tomcat trusts these
            // headers only from internal proxies (server.tomcat.remoteip.internal-proxies)
            entry("server.forward-headers-strategy", "native"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("cpor-platform-defaults", DEFAULTS));
    }
}
