package com.cpor.consentservice.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Named {@code localeResolver} so the DispatcherServlet (and Thymeleaf's views) use it. */
    @Bean
    LocaleResolver localeResolver() {
        return new ConsentLocaleResolver();
    }
}
