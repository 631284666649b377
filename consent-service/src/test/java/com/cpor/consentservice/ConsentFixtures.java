package com.cpor.consentservice;

import com.cpor.events.Activity;
import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Program;
import com.cpor.events.SolutionArea;
import com.cpor.events.Topics;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.events.consents.EncryptedLink;
import com.cpor.events.notifications.NotificationDelivered;
import com.cpor.events.notifications.NotificationEvent;
import com.cpor.events.notifications.NotificationFailed;
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
        return claim(claimId, customerLocale, null, status);
    }

    /** @param customerTimeZone the IANA zone the partner gave for the customer contact, or null */
    public static ClaimSnapshot claim(String claimId, String customerLocale, String customerTimeZone, ClaimStatus status) {
        return new ClaimSnapshot(claimId, "Contoso — Teams and Exchange usage", "1234567",
                SolutionArea.MICROSOFT_365, Activity.USAGE, Program.OSU_M365,
                new ClaimSnapshot.Customer("6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10", "contoso.onmicrosoft.com", "Contoso Ltd"),
                List.of(new ClaimSnapshot.Product("TEAMS", null), new ClaimSnapshot.Product("EXCHANGE_ONLINE", null)),
                new ClaimSnapshot.Contact("Anna Kowalska", "CIO", "anna@contoso.example", customerLocale, customerTimeZone),
                null,
                new ClaimSnapshot.Contact("Piotr Nowak", null, "piotr@partner.example", "en-US"),
                null, null, status, null, ClaimSnapshot.Deadlines.NONE, List.of(), null, 0,
                Instant.parse("2026-11-01T09:00:00Z"), null, Instant.parse("2026-10-30T09:00:00Z"),
                Instant.parse("2026-11-01T09:00:00Z"), 5,
                new ClaimSnapshot.PartnerOrganisation("1234567", "Nowak IT Solutions sp. z o.o.", "PL", "Europe/Warsaw"), null);
    }

    public static ClaimStatusChanged statusChanged(String claimId, ClaimStatus from, ClaimStatus to, Instant at,
                                                   String customerLocale, String... reasonCodes) {
        return new ClaimStatusChanged(UUID.randomUUID(), at, claimId, from, to,
                new Actor("reviewer", "Réka Szabó", "reka@reviews.example", Actor.ActorKind.REVIEWER),
                List.of(reasonCodes), null, claim(claimId, customerLocale, to));
    }

    /** The claim approved by a reviewer, its customer contact in {@code customerTimeZone}. */
    public static ClaimStatusChanged approved(String claimId, Instant at, String customerLocale, String customerTimeZone) {
        return new ClaimStatusChanged(UUID.randomUUID(), at, claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED,
                new Actor("reviewer", "Réka Szabó", "reka@reviews.example", Actor.ActorKind.REVIEWER),
                List.of(), null, claim(claimId, customerLocale, customerTimeZone, ClaimStatus.APPROVED));
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

    /** The customer link of a ConsentRequested, decrypted as notification-service does. */
    public static String linkOf(ConsumerRecord<String, String> consentRequested) {
        JsonNode sealed = json(consentRequested).get("consentLink");
        return new ConsentLinkCipher(ConsentServiceTest.LINK_ENCRYPTION_KEY, List.of()).open(
                new EncryptedLink(sealed.get("keyId").asString(), sealed.get("ciphertext").asString()),
                consentRequested.key());
    }

    /** The token of a ConsentRequested's link. */
    public static String tokenOf(ConsumerRecord<String, String> consentRequested) {
        String url = linkOf(consentRequested);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** notification-service reports the customer's notice of this ConsentRequested delivered at the given time. */
    public static NotificationDelivered noticeDelivered(ConsumerRecord<String, String> consentRequested,
                                                        Instant deliveredAt) {
        return new NotificationDelivered(UUID.randomUUID(), deliveredAt, consentRequested.key(), UUID.randomUUID(),
                UUID.fromString(json(consentRequested).get("eventId").asString()), "consent.requested",
                "customer-consent-request", deliveredAt);
    }

    /** notification-service reports the customer's notice of this ConsentRequested failed for good. */
    public static NotificationFailed noticeFailed(ConsumerRecord<String, String> consentRequested, Instant at) {
        return new NotificationFailed(UUID.randomUUID(), at, consentRequested.key(), UUID.randomUUID(),
                UUID.fromString(json(consentRequested).get("eventId").asString()), "consent.requested",
                "customer-consent-request", 8, at);
    }

    public static void publish(EventProbe probe, NotificationEvent report) {
        probe.send(Topics.NOTIFICATIONS, report.claimId(), EventJson.write(report), Map.of());
    }

    /** Opens a window and reports its notice delivered at once. @return the ConsentRequested record */
    public static ConsumerRecord<String, String> openDelivered(EventProbe probe, String claimId, Instant at,
                                                               String locale) {
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, at, locale));
        ConsumerRecord<String, String> requested = awaitEvent(probe, "consent.requested", claimId);
        publish(probe, noticeDelivered(requested, at));
        return requested;
    }
}
