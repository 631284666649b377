package com.cpor.consentservice.config;

import com.cpor.consentservice.consent.application.ConsentWindowRepository;
import com.cpor.consentservice.consent.domain.ConsentLinkTokens;
import com.cpor.events.consents.ConsentLinkCipher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

@Configuration(proxyBeanMethods = false)
public class ConsentConfiguration {

    private static final int MIN_SECRET_BYTES = 32;

    @Bean
    ConsentLinkTokens consentLinkTokens(ConsentProperties properties) {
        if (properties.linkSecret() == null
                || properties.linkSecret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("cpor.consent.link-secret must be set (at least " + MIN_SECRET_BYTES
                    + " bytes)");
        }
        return new ConsentLinkTokens(properties.linkSecret().getBytes(StandardCharsets.UTF_8), new SecureRandom());
    }

    /** Encrypts customer links for notification-service; refuses to start with a missing or malformed key. */
    @Bean
    ConsentLinkCipher consentLinkCipher(ConsentProperties properties) {
        try {
            return new ConsentLinkCipher(properties.linkEncryptionKey(), List.of());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("cpor.consent.link-encryption-key: " + invalid.getMessage(), invalid);
        }
    }

    @Bean
    Gauge openConsentWindowsGauge(MeterRegistry meters, ConsentWindowRepository windows) {
        return Gauge.builder("cpor.consent.windows.open", windows, ConsentWindowRepository::countOpen)
                .description("Consent windows in which the customer can still decline")
                .register(meters);
    }
}
