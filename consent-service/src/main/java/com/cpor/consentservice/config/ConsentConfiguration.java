package com.cpor.consentservice.config;

import com.cpor.consentservice.consent.application.ConsentWindowRepository;
import com.cpor.consentservice.consent.domain.ConsentLinkTokens;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

@Configuration(proxyBeanMethods = false)
public class ConsentConfiguration {

    @Bean
    ConsentLinkTokens consentLinkTokens(ConsentProperties properties) {
        if (properties.linkSecret() == null || properties.linkSecret().isBlank()) {
            throw new IllegalStateException("cpor.consent.link-secret must be set (at least 32 bytes)");
        }
        return new ConsentLinkTokens(properties.linkSecret().getBytes(StandardCharsets.UTF_8), new SecureRandom());
    }

    @Bean
    Gauge openConsentWindowsGauge(MeterRegistry meters, ConsentWindowRepository windows) {
        return Gauge.builder("cpor.consent.windows.open", windows, ConsentWindowRepository::countOpen)
                .description("Consent windows in which the customer can still decline")
                .register(meters);
    }
}
