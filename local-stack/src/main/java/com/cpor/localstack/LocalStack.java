package com.cpor.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mvnw -pl local-stack -am -Plocal -DskipTests package}: builds the services and runs the whole
 * platform on this machine with embedded infrastructure. State lives under {@code ./var} and survives a
 * restart; delete that directory for a clean start. Policy durations are short so a whole lifecycle can be
 * watched in minutes; any of them can be changed with its environment variable (for example
 * {@code CPOR_CONSENT_POLICY_WINDOW=PT10M}).
 */
public final class LocalStack {

    /** Short policies for people watching a lifecycle; production defaults are in each service. */
    private static final Map<String, Map<String, String>> WATCHABLE_POLICIES = Map.of(
            "review-service", Map.of(
                    "cpor.review.policy.review-start", "PT30M",
                    "cpor.review.policy.review-decision", "PT30M",
                    "cpor.review.policy.partner-response", "PT10M",
                    "cpor.review.policy.partner-response-reminder", "PT5M",
                    "cpor.review.policy.dispute-review", "PT30M",
                    "cpor.review.policy.decision-target", "PT1H"),
            "consent-service", Map.of("cpor.consent.policy.window", "PT3M"));

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path home = projectHome();
        Path state = home.resolve("var");
        Platform.Ports ports = Platform.Ports.fixed();
        Instant started = Instant.now();
        System.out.println("Starting the CPOR platform (state in " + state + ") ...");
        Platform platform = Platform.start(new Platform.Settings(home, state, ports, policiesUnlessOverridden()));
        platform.startConsole();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the CPOR platform ...");
            platform.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        MailViewer mailViewer = new MailViewer(platform.mail(), ports.mailViewer());
        printBanner(platform, ports, mailViewer, Duration.between(started, Instant.now()), state);
        stopped.await();
        mailViewer.close();
    }

    private static Map<String, Map<String, String>> policiesUnlessOverridden() {
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        WATCHABLE_POLICIES.forEach((service, policies) -> {
            Map<String, String> kept = new LinkedHashMap<>();
            policies.forEach((property, value) -> {
                // child processes inherit the environment: a variable set there must win over our default
                String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
                if (System.getenv(variable) == null) {
                    kept.put(property, value);
                }
            });
            overrides.put(service, kept);
        });
        return overrides;
    }

    private static Path projectHome() {
        Path current = Path.of(System.getProperty("cpor.home", ".")).toAbsolutePath().normalize();
        return Files.isDirectory(current.resolve("claim-service")) ? current : current.getParent();
    }

    private static void printBanner(Platform platform, Platform.Ports ports, MailViewer mailViewer,
                                    Duration startup, Path state) {
        String identity = platform.identity().issuer();
        System.out.printf("""

                ================================================================================
                 CPOR platform is up (%d s)
                --------------------------------------------------------------------------------
                 console               %s/   (sign in as partner-admin, reviewer, ...)
                 claim-service         http://localhost:%d/api/v1/claims   (OpenAPI /swagger-ui.html)
                 review-service        http://localhost:%d/api/v1/reviews
                 consent-service       http://localhost:%d/consent/{token}
                 notification-service  http://localhost:%d/api/v1/notifications
                 identity provider     %s/token?user=partner-admin   (OpenID Connect: /.well-known/openid-configuration)
                                       users: partner-admin, partner-reader, other-partner-admin,
                                              reviewer, reviewer-2, review-lead, staff
                 captured e-mail       %s   (SMTP on localhost:%d)
                 Kafka                 %s
                 PostgreSQL            localhost:%d (user postgres), databases claims, reviews,
                                       consents, notifications
                 logs and state        %s
                --------------------------------------------------------------------------------
                 First try: open %s/ and sign in as partner-admin; or with curl:
                   TOKEN=$(curl -s '%s/token?user=partner-admin' | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                   curl -s -H "Authorization: Bearer $TOKEN" http://localhost:%d/api/v1/claims
                 The README's walkthrough takes a claim through the whole lifecycle.
                 Ctrl-C stops everything; data stays in %s.
                ================================================================================
                %n""",
                startup.toSeconds(), platform.consoleUrl(), ports.claim(), ports.review(), ports.consent(), ports.notification(),
                identity, mailViewer.url(), platform.mail().port(), platform.kafkaBootstrapServers(),
                ports.postgres(), state, platform.consoleUrl(), identity, ports.claim(), state);
    }
}
