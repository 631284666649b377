package com.cpor.platform.config;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fails closed: a service refuses to start, naming every missing setting, unless the settings no deployment may
 * leave to a default are set: the token issuer and its JWKS URI (every service) and whatever the service lists in
 * {@code cpor.required-settings} (consent-service: the link secret and the link encryption key). The development
 * defaults of these live only in each service's {@code application-dev.yml}, so outside the {@code dev} profile
 * nothing fills them in.
 * <p>
 * The check runs before any bean is created (a bean factory post-processor), so the message is the first and only
 * failure, not a connection error of whatever would have started first.
 */
@AutoConfiguration
public class RequiredSettingsAutoConfiguration {

    public static final List<String> ALWAYS_REQUIRED = List.of(
            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");

    @Bean
    static BeanFactoryPostProcessor requiredSettingsCheck(Environment environment) {
        return beanFactory -> check(environment);
    }

    /** @throws IllegalStateException naming the missing settings */
    public static void check(Environment environment) {
        Set<String> required = new LinkedHashSet<>(ALWAYS_REQUIRED);
        String[] declared = environment.getProperty("cpor.required-settings", String[].class, new String[0]);
        for (String name : declared) {
            if (!name.isBlank()) {
                required.add(name.trim());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            String value = environment.getProperty(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start: required setting" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + (missing.size() > 1 ? " are" : " is") + " not set (active profiles: "
                    + String.join(",", environment.getActiveProfiles()) + "). Every deployment sets "
                    + (missing.size() > 1 ? "them" : "it") + " (see docs/configuration.md); development defaults apply"
                    + " only with --spring.profiles.active=dev.");
        }
    }
}
