package com.cpor.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Defaults every service shares, at the lowest precedence so a service's own configuration or the
 * deployment's environment overrides any of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    private static final Map<String, Object> DEFAULTS = Map.of(
            // trace context from record headers into listener spans, so traces cross Kafka hops
            "spring.kafka.listener.observation-enabled", "true",
            // every claim's journey is worth a trace; sample less where volume demands it
            "management.tracing.sampling.probability", "1.0",
            // metrics are scraped by Prometheus; spans go out only where a deployment names an OTLP endpoint
            "management.otlp.metrics.export.enabled", "false",
            "spring.messages.fallback-to-system-locale", "false",
            // liveness: the process; readiness: it can also reach its database and Kafka
            "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.group.liveness.include", "livenessState",
            "management.endpoint.health.group.readiness.include", "readinessState,db,kafka");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("cpor-platform-defaults", DEFAULTS));
    }
}
