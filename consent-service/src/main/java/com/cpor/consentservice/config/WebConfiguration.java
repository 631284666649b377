package com.cpor.consentservice.config;

import io.micrometer.observation.ObservationFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Keeps customer link tokens out of span attributes and metric tags (docs/security.md). */
    @Bean
    ObservationFilter consentLinkRedaction() {
        return new ConsentLinkRedaction();
    }

    /** Named {@code localeResolver} so the DispatcherServlet (and Thymeleaf's views) use it. */
    @Bean
    LocaleResolver localeResolver() {
        return new ConsentLocaleResolver();
    }
}
