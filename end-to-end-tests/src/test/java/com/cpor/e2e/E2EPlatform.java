package com.cpor.e2e;

import com.cpor.localstack.Platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * The platform under test, started once per test JVM: the four services as real processes on real Kafka,
 * PostgreSQL and SMTP, with a short consent window so both its endings can be watched.
 */
public final class E2EPlatform {

    static final String CONSENT_WINDOW = "PT20S";
    private static Platform platform;

    private E2EPlatform() {
    }

    public static synchronized Platform get() {
        if (platform == null) {
            Path home = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();
            platform = Platform.start(new Platform.Settings(home, null, Platform.Ports.free(), Map.of(
                    "*", Map.of("cpor.messaging.retry-initial-interval", "100ms",
                            "cpor.outbox.poll-interval", "200ms"),
                    "consent-service", Map.of("cpor.consent.policy.window", CONSENT_WINDOW))));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "e2e-platform-shutdown"));
        }
        return platform;
    }

    static String claims() {
        return get().service("claim-service").baseUrl() + "/api/v1/claims";
    }

    static String reviews() {
        return get().service("review-service").baseUrl() + "/api/v1/reviews";
    }
}
