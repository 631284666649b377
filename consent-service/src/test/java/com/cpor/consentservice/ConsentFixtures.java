package com.cpor.consentservice;

import com.cpor.events.Activity;
import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Program;
import com.cpor.events.SolutionArea;
import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.platform.messaging.EventJson;
import com.cpor.platform.testsupport.EventProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Claims and claim-service status changes as they arrive on cpor.claims.v1. */
public final class ConsentFixtures {

    private ConsentFixtures() {
    }

    public static String newClaimId() {
        return "c-" + UUID.randomUUID();
    }

    public static ClaimSnapshot claim(String claimId, String customerLocale, ClaimStatus status) {
        return new ClaimSnapshot(claimId, "Contoso — Teams and Exchange usage", "1234567",
                SolutionArea.MICROSOFT_365, Activity.USAGE, Program.OSU_M365,
                new ClaimSnapshot.Customer("6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10", "contoso.onmicrosoft.com", "Contoso Ltd"),
                List.of(new ClaimSnapshot.Product("TEAMS", null), new ClaimSnapshot.Product("EXCHANGE_ONLINE", null)),
                new ClaimSnapshot.Contact("Anna Kowalska", "CIO", "anna@contoso.example", customerLocale),
                null,
                new ClaimSnapshot.Contact("Piotr Nowak", null, "piotr@partner.example", "en-US"),
                null, null, status, null, ClaimSnapshot.Deadlines.NONE, List.of(), null, 0,
                Instant.parse("2026-11-01T09:00:00Z"), null, Instant.parse("2026-10-30T09:00:00Z"),
                Instant.parse("2026-11-01T09:00:00Z"), 5);
    }

    public static ClaimStatusChanged statusChanged(String claimId, ClaimStatus from, ClaimStatus to, Instant at,
                                                   String customerLocale, String... reasonCodes) {
        return new ClaimStatusChanged(UUID.randomUUID(), at, claimId, from, to,
                new Actor("reviewer", "Réka Szabó", "reka@reviews.example", Actor.ActorKind.REVIEWER),
                List.of(reasonCodes), null, claim(claimId, customerLocale, to));
    }

    public static void publish(EventProbe probe, ClaimStatusChanged change) {
        probe.send(Topics.CLAIMS, change.claimId(), EventJson.write(change), Map.of());
    }

    public static ConsumerRecord<String, String> awaitEvent(EventProbe probe, String type, String claimId) {
        return probe.await(EventProbe.typed(type, claimId), Duration.ofSeconds(30));
    }

    public static long countEvents(EventProbe probe, String type, String claimId) {
        return probe.drain(Duration.ofMillis(700)).stream().filter(EventProbe.typed(type, claimId)).count();
    }

    public static JsonNode json(ConsumerRecord<String, String> record) {
        return EventJson.mapper().readTree(record.value());
    }

    /** The token of a ConsentRequested's consentUrl. */
    public static String tokenOf(ConsumerRecord<String, String> consentRequested) {
        String url = json(consentRequested).get("consentUrl").asString();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
