package com.cpor.events;

import com.cpor.events.consents.ConsentEvent;
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
import java.util.stream.Stream;

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
        Stream.of(Topics.CLAIMS, Topics.REVIEWS, Topics.CONSENTS, Topics.INCENTIVE_EVALUATION)
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
}
