package com.cpor.e2e;

import com.cpor.apiclient.ApiClient;
import com.cpor.devinfra.DevUser;
import com.cpor.localstack.Platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * The platform under test, started once per test JVM: the four services as real processes on real Kafka,
 * PostgreSQL and SMTP, with a short consent window so both its endings can be watched.
 */
public final class E2EPlatform {

    static final String CONSENT_WINDOW = "PT20S";
    /**
     * The services CrashRecoveryE2EIT kills commit their consumer offsets only hourly (the default commits every
     * 5 s): a SIGKILL then always leaves applied records uncommitted, so the restart must redeliver them and
     * the inboxes must discard them, instead of that depending on the kill hitting the moment between the two.
     */
    private static final Map<String, String> LATE_OFFSET_COMMITS = Map.of(
            "spring.kafka.listener.ack-mode", "time",
            "spring.kafka.listener.ack-time", "1h");
    private static Platform platform;

    private E2EPlatform() {
    }

    public static synchronized Platform get() {
        if (platform == null) {
            Path home = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();
            platform = Platform.start(new Platform.Settings(home, null, Platform.Ports.free(), Map.of(
                    "*", Map.of("cpor.messaging.retry-initial-interval", "100ms",
                            "cpor.outbox.poll-interval", "200ms"),
                    "claim-service", LATE_OFFSET_COMMITS,
                    "consent-service", withLateOffsetCommits(Map.of("cpor.consent.policy.window", CONSENT_WINDOW)))));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "e2e-platform-shutdown"));
        }
        return platform;
    }

    private static Map<String, String> withLateOffsetCommits(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.putAll(LATE_OFFSET_COMMITS);
        return all;
    }

    /**
     * The platform's API client as the user (null: no token); a new caller each time, so it reads a resource
     * before it edits it.
     */
    static ApiClient as(DevUser user) {
        return user == null ? ApiClient.anonymous() : ApiClient.withToken(get().identity().tokenFor(user));
    }

    static String claims() {
        return get().service("claim-service").baseUrl() + "/api/v1/claims";
    }

    static String consents() {
        return get().service("consent-service").baseUrl() + "/api/v1/consents";
    }

    static String reviews() {
        return get().service("review-service").baseUrl() + "/api/v1/reviews";
    }
}
