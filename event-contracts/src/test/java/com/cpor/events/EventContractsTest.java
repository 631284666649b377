package com.cpor.events;

import com.cpor.events.consents.ConsentEvent;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.consents.EncryptedLink;
import com.cpor.events.consents.ConsentWindowElapsed;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventContractsTest {

    private static List<Class<?>> eventClassesOf(String topic) {
        return Arrays.<Class<?>>asList(Topics.eventTypeOf(topic).getPermittedSubclasses());
    }

    @Test
    void every_event_of_every_topic_is_registered_under_its_logical_name() {
        for (String topic : Topics.all()) {
            Class<? extends CporEvent> family = Topics.eventTypeOf(topic);
            Set<Class<?>> registered = new HashSet<>();
            for (JsonSubTypes.Type type : family.getAnnotation(JsonSubTypes.class).value()) {
                registered.add(type.value());
            }
            assertThat(registered).as("registered subtypes of %s", topic)
                    .containsExactlyInAnyOrderElementsOf(eventClassesOf(topic));
        }
    }

    @Test
    void logical_type_names_are_unique_and_never_java_class_names() {
        List<String> names = Topics.all().stream().flatMap(topic -> eventClassesOf(topic).stream())
                .map(type -> CporEvent.typeNameOf(type.asSubclass(CporEvent.class))).toList();
        assertThat(names).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("[a-z]+(\\.[a-z-]+)+").doesNotContain("com.cpor"));
    }

    @Test
    void every_event_maps_back_to_the_topic_that_carries_it() {
        for (String topic : Topics.all()) {
            eventClassesOf(topic).forEach(type ->
                    assertThat(Topics.topicOf(type.asSubclass(CporEvent.class))).isEqualTo(topic));
        }
    }

    @Test
    void every_event_is_a_record_starting_with_id_time_and_claim() {
        Topics.all().stream()
                .flatMap(topic -> eventClassesOf(topic).stream())
                .forEach(type -> {
                    assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
                    assertThat(Arrays.stream(type.getRecordComponents()).limit(3).map(c -> c.getName()))
                            .containsExactly("eventId", "occurredAt", "claimId");
                });
    }

    @Test
    void a_payload_names_its_type_and_reads_back_through_its_topic_family() {
        JsonMapper json = JsonMapper.builder().build();
        ConsentWindowElapsed event = new ConsentWindowElapsed(UUID.randomUUID(),
                Instant.parse("2026-11-21T10:00:00Z"), "c-1", "k-1", Instant.parse("2026-11-28T10:00:00Z"));
        String payload = json.writerFor(ConsentEvent.class).writeValueAsString(event);
        assertThat(payload).contains("\"type\":\"consent.window-elapsed\"");
        assertThat(json.readValue(payload, ConsentEvent.class)).isEqualTo(event);
    }

    @Test
    void a_consent_request_written_before_the_link_was_encrypted_still_reads_with_no_encrypted_link() {
        JsonMapper json = JsonMapper.builder().build();
        String old = """
                {"type":"consent.requested","eventId":"6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10",
                 "occurredAt":"2026-11-21T10:00:00Z","claimId":"c-1","consentId":"k-1",
                 "windowEndsAt":"2026-11-28T10:00:00Z","consentUrl":"https://consent.example/consent/t","claim":null}
                """;
        ConsentRequested read = (ConsentRequested) json.readValue(old, ConsentEvent.class);
        assertThat(read.consentUrl()).isEqualTo("https://consent.example/consent/t");
        assertThat(read.consentLink()).isNull();

        ConsentRequested current = new ConsentRequested(UUID.randomUUID(), Instant.parse("2026-11-21T10:00:00Z"), "c-1",
                "k-1", Instant.parse("2026-11-28T10:00:00Z"), null, null, new EncryptedLink("k-00", "abc"));
        assertThat(json.readValue(json.writerFor(ConsentEvent.class).writeValueAsString(current), ConsentEvent.class))
                .isEqualTo(current);
    }

    @Test
    void a_withdrawal_written_before_reason_codes_still_reads_and_the_new_fields_round_trip() {
        JsonMapper json = JsonMapper.builder().build();
        String old = """
                {"type":"claim.withdrawn","eventId":"6f1c2a52-9c1e-4f3e-8a8b-2d9c3e1f4a10",
                 "occurredAt":"2026-11-21T10:00:00Z","claimId":"c-1","actor":null,"reason":"Wrong MPN",
                 "previousStatus":"SUBMITTED","claim":{"claimId":"c-1","customerContact":
                 {"name":"Anna","email":"anna@contoso.example","locale":"pl-PL"},
                 "rejection":{"reason":"PARTNER_REQUEST","comment":"Wrong MPN","finalDecision":true},
                 "disputeCount":0,"version":3}}
                """;
        com.cpor.events.claims.ClaimWithdrawn read = (com.cpor.events.claims.ClaimWithdrawn)
                json.readValue(old, com.cpor.events.claims.ClaimEvent.class);
        assertThat(read.reason()).isEqualTo("Wrong MPN");
        assertThat(read.reasonCode()).isNull();
        assertThat(read.claim().customerContact().timeZone()).isNull();
        assertThat(read.claim().rejection().withdrawalReason()).isNull();
        assertThat(read.claim().requestedChanges()).isNull();

        ClaimSnapshot snapshot = new ClaimSnapshot("c-1", "n", "1234567", SolutionArea.MICROSOFT_365, Activity.USAGE,
                Program.OSU_M365, null, List.of(), new ClaimSnapshot.Contact("Anna", null, "a@b.example", "pl-PL",
                "Europe/Warsaw"), null, null, null, null, ClaimStatus.REJECTED,
                new ClaimSnapshot.Rejection(RejectionReason.PARTNER_REQUEST, "text", null, true, WithdrawalReason.OTHER),
                ClaimSnapshot.Deadlines.NONE, List.of(), null, 0, null, null, null, null, 3, null,
                new ClaimSnapshot.RequestedChanges(List.of(PartnerActionReason.MISSING_PRODUCTS), "c",
                        List.of("TEAMS"), Instant.parse("2026-11-21T10:00:00Z")));
        com.cpor.events.claims.ClaimWithdrawn current = new com.cpor.events.claims.ClaimWithdrawn(UUID.randomUUID(),
                Instant.parse("2026-11-21T10:00:00Z"), "c-1", null, "text", ClaimStatus.SUBMITTED, snapshot,
                WithdrawalReason.OTHER);
        assertThat(json.readValue(json.writerFor(com.cpor.events.claims.ClaimEvent.class).writeValueAsString(current),
                com.cpor.events.claims.ClaimEvent.class)).isEqualTo(current);
    }

    @Test
    void a_contacts_zone_is_its_own_else_its_countrys_else_the_deployments() {
        java.time.ZoneId utc = java.time.ZoneId.of("UTC");
        assertThat(ContactTimeZones.of("America/Los_Angeles", "pl-PL", utc)).hasToString("America/Los_Angeles");
        assertThat(ContactTimeZones.of(null, "pl-PL", utc)).hasToString("Europe/Warsaw");
        assertThat(ContactTimeZones.of(null, "hu-HU", utc)).hasToString("Europe/Budapest");
        assertThat(ContactTimeZones.of(null, "ru-RU", utc)).hasToString("Europe/Moscow");
        assertThat(ContactTimeZones.of(null, "zh-CN", utc)).hasToString("Asia/Shanghai");
        assertThat(ContactTimeZones.of(null, "en-US", utc)).isEqualTo(utc);
        assertThat(ContactTimeZones.of("not/a-zone", null, utc)).isEqualTo(utc);
        assertThat(ContactTimeZones.isIanaId("+02:00")).isFalse();
    }
}
