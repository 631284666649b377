package com.cpor.notificationservice.config;

import com.cpor.notificationservice.NotificationServiceApplication;
import com.cpor.platform.testsupport.StartupFailure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside the dev profile nothing fills in the link key or the issuer: the service refuses to start and names them. */
class FailClosedStartupTest {

    @Test
    void without_link_encryption_key_issuer_and_jwks_uri_a_production_start_fails_naming_each() {
        SpringApplication application = new SpringApplication(NotificationServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThat(StartupFailure.of(() -> application.run("--spring.profiles.active=production")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cpor.consent.link-encryption-key")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }
}
