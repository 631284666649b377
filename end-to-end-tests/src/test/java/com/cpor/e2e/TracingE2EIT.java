package com.cpor.e2e;

import com.cpor.devinfra.DevUser;
import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One trace from a partner's request to claim-service, over Kafka, into notification-service. */
class TracingE2EIT {

    @Test
    void a_trace_started_at_claim_service_continues_in_notification_service() {
        String claimId = Claims.submitNewClaim("trace+" + UUID.randomUUID() + "@contoso.example", "en-US");
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);

        try (EventProbe probe = new EventProbe(E2EPlatform.get().kafkaBootstrapServers(), Topics.CLAIMS)) {
            E2EPlatform.as(DevUser.PARTNER_ADMIN).post(E2EPlatform.claims() + "/" + claimId + "/comments",
                    Map.of("text", "Please look at page 2 of the PoE."),
                    Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")).expect(201);

            ConsumerRecord<String, String> comment = probe.await(EventProbe.typed("claim.comment-added", claimId),
                    Duration.ofSeconds(60));
            assertThat(EventProbe.header(comment, "traceparent")).startsWith("00-" + traceId + "-");
        }

        Path notificationLog = E2EPlatform.get().service("notification-service").logFile();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Files.readAllLines(notificationLog))
                .anyMatch(line -> line.contains(traceId) && line.contains("Queued") && line.contains(claimId)));
    }
}
