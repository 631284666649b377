package com.cpor.e2e;

import com.cpor.devinfra.DevUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see: each service's {@code /actuator/prometheus} after one claim went from submission to
 * the eligibility hand-off. Other tests share the platform, so the checks compare before and after.
 */
class MetricsE2EIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) ([-+0-9.eE]+|NaN)$");

    @Test
    void a_lifecycle_shows_in_the_business_metrics_of_every_service() {
        E2EPlatform.get(); // started outside the waits below: a first start may take longer than any of them
        await().atMost(Duration.ofSeconds(60)).until(() ->
                value(scrape("consent-service"), "cpor_consent_windows_open") == 0);
        Map<String, Map<String, Double>> before = scrapeAll();

        String customer = "metrics+" + UUID.randomUUID() + "@contoso.example";
        String claimId = Claims.submitNewClaim(customer, "pl-PL");
        Claims.approve(claimId);
        ConsentMail.awaitFor(customer);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                value(scrape("consent-service"), "cpor_consent_windows_open") == 1);
        Claims.awaitClaim(claimId, claim -> !claim.get("eligibility").get("sentAt").isNull());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Map<String, Double>> after = scrapeAll();
            assertThat(delta(before, after, "claim-service",
                    "cpor_claim_transitions_total{from=\"IN_REVIEW\",to=\"APPROVED\"}")).isEqualTo(1);
            assertThat(delta(before, after, "claim-service",
                    "cpor_claim_transitions_total{from=\"EDITING\",to=\"SUBMITTED\"}")).isEqualTo(1);
            assertThat(delta(before, after, "claim-service", "cpor_eligibility_handoffs_total")).isEqualTo(1);
            assertThat(delta(before, after, "claim-service", "cpor_claims{status=\"APPROVED\"}")).isEqualTo(1);
            assertThat(delta(before, after, "consent-service",
                    "cpor_timers_fired_total{kind=\"consent-window\"}")).isEqualTo(1);
            assertThat(value(after.get("consent-service"), "cpor_consent_windows_open")).isZero();
            assertThat(delta(before, after, "notification-service",
                    "cpor_notifications_sent_total{locale=\"pl-PL\",template=\"customer-consent-request\"}")).isEqualTo(1);
            assertThat(delta(before, after, "notification-service",
                    "cpor_notifications_sent_total{locale=\"en-US\",template=\"partner-claim-approved\"}")).isEqualTo(1);
            assertThat(delta(before, after, "review-service", "cpor_review_sla_breaches_total")).isZero();
            for (String service : after.keySet()) {
                assertThat(value(after.get(service), "cpor_outbox_backlog")).as(service).isZero();
                assertThat(after.get(service)).as(service).containsKey("cpor_timers_overdue");
            }
        });
    }

    private static Map<String, Map<String, Double>> scrapeAll() {
        Map<String, Map<String, Double>> all = new HashMap<>();
        for (String service : com.cpor.localstack.Platform.SERVICES) {
            all.put(service, scrape(service));
        }
        return all;
    }

    /** Samples by series name with labels in the exposition's order, e.g. {@code cpor_claims{status="APPROVED"}}. */
    private static Map<String, Double> scrape(String service) {
        String text = E2EPlatform.as(DevUser.STAFF).get(E2EPlatform.get().service(service).baseUrl() + "/actuator/prometheus",
                "text/plain").expect(200).body();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (sample.matches()) {
                samples.put(withoutApplicationLabel(sample.group(1)), Double.parseDouble(sample.group(2)));
            }
        }
        return samples;
    }

    private static String withoutApplicationLabel(String series) {
        return series.replaceAll("application=\"[^\"]*\",?", "").replace(",}", "}").replace("{}", "");
    }

    /** Counters and gauges sum over series that differ only in labels not named (e.g. several topics). */
    private static double value(Map<String, Double> samples, String series) {
        if (series.contains("{")) {
            return samples.getOrDefault(series, 0.0);
        }
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(series) || e.getKey().startsWith(series + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static double delta(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after,
                                String service, String series) {
        return value(after.get(service), series) - value(before.get(service), series);
    }
}
