package com.cpor.reliability;

import com.cpor.apiclient.ApiClient;
import com.cpor.devinfra.DevUser;
import com.cpor.localstack.Platform;
import com.cpor.localstack.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The platform the fault-injection suite breaks: the four services as real processes on a restartable
 * PostgreSQL (fixed port, data kept across restarts), in-JVM Kafka and SMTP capture. Started once per test JVM;
 * the reliability suite runs in its own JVM so its faults never hit the other end-to-end tests.
 */
final class ReliabilityPlatform {

    /** Short enough to watch both consent endings, long enough for the customer to decline in time. */
    static final String CONSENT_WINDOW = "PT15S";
    private static final ApiClient CLIENT = ApiClient.anonymous().connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(20));
    private static Platform platform;
    /** between notification-service and the SMTP capture: holds an acceptance so a kill lands in the send-to-SENT window */
    private static SmtpHold smtpHold;
    /** the rehearsal spreads requests over every running instance, as a load balancer would */
    private static boolean spread;

    private ReliabilityPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            Path home = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();
            Platform.Ports ports = Platform.Ports.free();
            smtpHold = SmtpHold.start(ports.smtp());
            platform = Platform.start(new Platform.Settings(home, null, ports, Map.of(
                    "*", Map.of(
                            "cpor.messaging.retry-initial-interval", "100ms",
                            "cpor.outbox.poll-interval", "200ms",
                            "cpor.timers.poll-interval", "300ms",
                            // a killed consumer's partitions move after 10 s instead of the default 45 s
                            "spring.kafka.consumer.properties.session.timeout.ms", "10000",
                            "spring.kafka.consumer.properties.heartbeat.interval.ms", "2000"),
                    "consent-service", Map.of("cpor.consent.policy.window", CONSENT_WINDOW),
                    "notification-service", Map.of("spring.mail.port", String.valueOf(smtpHold.port()))),
                    true, home.resolve("reliability-tests/target/reliability-service-logs")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                smtpHold.close();
            }, "reliability-platform-shutdown"));
        }
        return platform;
    }

    /** Runs the suite's drivers against a platform started elsewhere (the rehearsal's), spread over its instances. */
    static synchronized void use(Platform started) {
        platform = started;
        spread = true;
    }

    /** The SMTP relay of notification-service; null on a platform started elsewhere (the rehearsal's). */
    static synchronized SmtpHold smtpHold() {
        get();
        return smtpHold;
    }

    /**
     * The platform's API client as the user: a request to a service that is down throws
     * {@link ApiClient.Unreachable} (connect within 3 s, answer within 20 s) so the caller can retry.
     */
    static ApiClient as(DevUser user) {
        return CLIENT.as(get().identity().tokenFor(user));
    }

    static String claims() {
        return baseUrl("claim-service") + "/api/v1/claims";
    }

    static String reviews() {
        return baseUrl("review-service") + "/api/v1/reviews";
    }

    /** One running instance, chosen at random when spreading (a retry after no answer lands on another). */
    static String baseUrl(String service) {
        Platform current = get();
        if (!spread) {
            return current.service(service).baseUrl();
        }
        List<ServiceProcess> running = current.instances(service).stream().filter(ServiceProcess::isRunning).toList();
        List<ServiceProcess> choice = running.isEmpty() ? current.instances(service) : running;
        return choice.get(ThreadLocalRandom.current().nextInt(choice.size())).baseUrl();
    }
}
