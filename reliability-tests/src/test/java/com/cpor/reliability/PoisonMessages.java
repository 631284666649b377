package com.cpor.reliability;

import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Poison messages for every consumed topic, each with the consumer groups that must dead-letter it: an
 * unreadable record is dead-lettered by every group reading the topic; a readable event breaking a business
 * rule only by the groups whose rule it breaks (the others have nothing to do with it and go on).
 */
final class PoisonMessages {

    /** Who reads which topic (spring.application.name is the consumer group). */
    static final Map<String, Set<String>> READERS = Map.of(
            Topics.CLAIMS, Set.of("review-service", "consent-service", "notification-service"),
            Topics.REVIEWS, Set.of("claim-service", "notification-service"),
            Topics.CONSENTS, Set.of("claim-service", "notification-service"));

    record Poison(String topic, String kind, String eventId, Set<String> expectedGroups) {
    }

    private PoisonMessages() {
    }

    /** Sends one poison message of each kind to each consumed topic; returns what was sent. */
    static List<Poison> inject(EventProbe probe, String round) {
        List<Poison> sent = new ArrayList<>();
        for (String topic : List.of(Topics.CLAIMS, Topics.REVIEWS, Topics.CONSENTS)) {
            sent.add(send(probe, topic, "malformed-json", READERS.get(topic),
                    id -> "{\"type\":\"claim.status-changed\",\"eventId\":\"" + id + "\",\"claimId\":"));
            // a type of another topic is misrouted: poison (a type no topic knows is a newer producer's, and is
            // skipped and counted instead: MessagingResilienceIT)
            String misrouted = Topics.CLAIMS.equals(topic) ? "review.queued" : "claim.submitted";
            sent.add(send(probe, topic, "misrouted-type", READERS.get(topic),
                    id -> "{\"type\":\"" + misrouted + "\",\"eventId\":\"" + id + "\",\"occurredAt\":\"" + Instant.now()
                            + "\",\"claimId\":\"poison-" + round + "-" + id + "\"}"));
        }
        // approval of an unknown claim without its snapshot: consent-service cannot open a window for it
        sent.add(send(probe, Topics.CLAIMS, "approval-without-snapshot", Set.of("consent-service"),
                id -> "{\"type\":\"claim.status-changed\",\"eventId\":\"" + id + "\",\"occurredAt\":\"" + Instant.now()
                        + "\",\"claimId\":\"poison-" + round + "-" + id + "\",\"fromStatus\":\"IN_REVIEW\","
                        + "\"toStatus\":\"APPROVED\"}"));
        // a reviewer approval for a claim claim-service never had
        sent.add(send(probe, Topics.REVIEWS, "approval-of-unknown-claim", Set.of("claim-service"),
                id -> "{\"type\":\"review.approved\",\"eventId\":\"" + id + "\",\"occurredAt\":\"" + Instant.now()
                        + "\",\"claimId\":\"poison-" + round + "-" + id + "\",\"reviewer\":{\"id\":\"reviewer\","
                        + "\"name\":\"Nobody\",\"kind\":\"REVIEWER\"}}"));
        // a consent request for an unknown claim without the snapshot the customer notice needs
        sent.add(send(probe, Topics.CONSENTS, "consent-request-without-snapshot",
                Set.of("claim-service", "notification-service"),
                id -> "{\"type\":\"consent.requested\",\"eventId\":\"" + id + "\",\"occurredAt\":\"" + Instant.now()
                        + "\",\"claimId\":\"poison-" + round + "-" + id + "\",\"consentId\":\"c-" + id + "\","
                        + "\"windowEndsAt\":\"" + Instant.now().plusSeconds(60) + "\",\"consentUrl\":\"http://x/consent/y\"}"));
        return sent;
    }

    private static Poison send(EventProbe probe, String topic, String kind, Set<String> groups,
                               java.util.function.Function<String, String> value) {
        String id = UUID.randomUUID().toString();
        probe.send(topic, "poison-" + id, value.apply(id), Map.of("ce_id", id, "ce_type", "cpor.poison." + kind,
                "ce_source", "reliability-suite", "ce_specversion", "1.0"));
        return new Poison(topic, kind, id, groups);
    }
}
