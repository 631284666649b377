package com.cpor.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RequiredSettingsAutoConfiguration.class));

    @Test
    void a_service_without_issuer_and_jwks_uri_refuses_to_start_and_names_both() {
        context.withPropertyValues("spring.profiles.active=production").run(started -> {
            assertThat(started).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                    .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
                    .hasMessageContaining("production");
        });
    }

    @Test
    void a_setting_the_service_declares_required_is_named_when_blank() {
        context.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://login.example/keys",
                "cpor.required-settings=cpor.consent.link-secret,cpor.consent.link-encryption-key",
                "cpor.consent.link-secret=", "cpor.consent.link-encryption-key=abc").run(started -> {
            assertThat(started).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(started.getStartupFailure()))
                    .hasMessageContaining("required setting cpor.consent.link-secret is not set")
                    .hasMessageNotContaining("issuer-uri").hasMessageNotContaining("link-encryption-key");
        });
    }

    @Test
    void a_service_with_every_required_setting_starts() {
        context.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://login.example/keys",
                "cpor.required-settings=cpor.consent.link-secret", "cpor.consent.link-secret=s3cret")
                .run(started -> assertThat(started).hasNotFailed());
    }
}
