package com.cpor.consentservice.config;

import com.cpor.consentservice.ConsentServiceApplication;
import com.cpor.platform.testsupport.StartupFailure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside the dev profile nothing fills in the secrets: the service refuses to start and names them. */
class FailClosedStartupTest {

    @Test
    void without_link_secret_encryption_key_issuer_and_jwks_uri_a_production_start_fails_naming_each() {
        SpringApplication application = new SpringApplication(ConsentServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThat(StartupFailure.of(() -> application.run("--spring.profiles.active=production")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cpor.consent.link-secret")
                .hasMessageContaining("cpor.consent.link-encryption-key")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }

    @Test
    void with_the_issuer_set_only_the_missing_secret_is_named() {
        SpringApplication application = new SpringApplication(ConsentServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThat(StartupFailure.of(() -> application.run("--spring.profiles.active=production",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example/realms/cpor",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://login.example/realms/cpor/certs",
                "--cpor.consent.link-encryption-key=aW50ZWdyYXRpb24tdGVzdC1saW5rLWtleS0zMi1ieXQ=")))
                .hasMessageContaining("required setting cpor.consent.link-secret is not set")
                .hasMessageNotContaining("issuer-uri");
    }
}
