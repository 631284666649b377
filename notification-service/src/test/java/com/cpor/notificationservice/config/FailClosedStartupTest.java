package com.cpor.notificationservice.config;

import com.cpor.notificationservice.NotificationServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside the dev profile nothing fills in the link key or the issuer: the service refuses to start and names them. */
class FailClosedStartupTest {

    @Test
    void without_link_encryption_key_issuer_and_jwks_uri_a_production_start_fails_naming_each() {
        SpringApplication application = new SpringApplication(NotificationServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThat(startupFailure(() -> application.run("--spring.profiles.active=production")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cpor.consent.link-encryption-key")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }

    /** The most specific cause of a failed start (the check's own message). */
    private static Throwable startupFailure(Runnable start) {
        try {
            start.run();
        } catch (RuntimeException failure) {
            return NestedExceptionUtils.getMostSpecificCause(failure);
        }
        throw new AssertionError("the service started");
    }
}
