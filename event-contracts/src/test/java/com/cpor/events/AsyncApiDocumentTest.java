package com.cpor.events;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is kept by hand; this test keeps it honest: every event of every topic is described
 * under its logical name with exactly the record's fields (nested records and enums included), and the
 * document names the dead-letter topics and the CloudEvents headers the outbox relay sets.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    private static Map<String, Object> asyncApi;

    @BeforeAll
    static void readDocument() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCUMENT, StandardCharsets.UTF_8)) {
            asyncApi = new Yaml().load(reader);
        }
    }

    @Test
    void is_an_asyncapi_3_document() {
        assertThat(asyncApi.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(map(asyncApi.get("info")).get("description").toString())
                .as("the compatibility rule is stated").contains("additive changes only");
    }

    @Test
    void every_topic_has_a_channel_and_a_dead_letter_channel() {
        for (String topic : Topics.all()) {
            assertThat(channelOf(topic)).as("channel for %s", topic).isNotNull();
            assertThat(channelOf(Topics.deadLetterOf(topic))).as("channel for %s", Topics.deadLetterOf(topic)).isNotNull();
        }
    }

    @Test
    void every_event_of_a_topic_is_a_message_of_its_channel_under_its_logical_name_and_nothing_else_is() {
        for (String topic : Topics.all()) {
            for (String address : List.of(topic, Topics.deadLetterOf(topic))) {
                Set<String> described = new LinkedHashSet<>();
                for (Object message : map(channelOf(address).get("messages")).values()) {
                    described.add((String) resolve(message).get("name"));
                }
                assertThat(described).as("message names of channel %s", address)
                        .containsExactlyInAnyOrderElementsOf(logicalNamesOf(topic));
            }
        }
    }

    @Test
    void every_message_payload_lists_exactly_the_record_fields_plus_type() {
        for (String topic : Topics.all()) {
            for (Class<?> eventClass : eventClassesOf(topic)) {
                Map<String, Object> payload = resolve(messageOf(topic, eventClass).get("payload"));
                List<String> expected = new ArrayList<>(List.of("type"));
                Arrays.stream(eventClass.getRecordComponents()).map(RecordComponent::getName).forEach(expected::add);
                assertThat(map(payload.get("properties")).keySet()).as("payload fields of %s", eventClass.getSimpleName())
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(map(map(payload.get("properties")).get("type")).get("const"))
                        .as("type of %s", eventClass.getSimpleName()).isEqualTo(logicalName(eventClass));
            }
        }
    }

    @Test
    void field_schemas_match_the_java_types_down_to_nested_records_and_enum_constants() {
        for (String topic : Topics.all()) {
            for (Class<?> eventClass : eventClassesOf(topic)) {
                Map<String, Object> properties = map(resolve(messageOf(topic, eventClass).get("payload")).get("properties"));
                for (RecordComponent component : eventClass.getRecordComponents()) {
                    assertMatches(properties.get(component.getName()), component.getGenericType(),
                            eventClass.getSimpleName() + "." + component.getName());
                }
            }
        }
    }

    @Test
    void every_message_has_the_cloudevents_headers_and_the_claim_id_as_key() {
        for (String topic : Topics.all()) {
            for (Class<?> eventClass : eventClassesOf(topic)) {
                Map<String, Object> message = messageOf(topic, eventClass);
                Map<String, Object> headers = resolve(message.get("headers"));
                assertThat(map(headers.get("properties")).keySet()).as("headers of %s", eventClass.getSimpleName())
                        .contains("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion");
                Map<String, Object> kafka = map(resolve(message.get("bindings")).get("kafka"));
                assertThat(resolve(kafka.get("key")).get("description").toString()).containsIgnoringCase("claim id");
            }
        }
    }

    private void assertMatches(Object schemaNode, Type javaType, String where) {
        assertThat(schemaNode).as("schema of %s", where).isNotNull();
        Map<String, Object> schema = resolve(schemaNode);
        assertThat(schema).as("schema of %s", where).isNotEmpty();
        if (javaType instanceof ParameterizedType list && list.getRawType() == List.class) {
            assertThat(types(schema)).as("type of %s", where).contains("array");
            assertMatches(schema.get("items"), list.getActualTypeArguments()[0], where + "[]");
            return;
        }
        Class<?> type = (Class<?>) javaType;
        if (type.isRecord()) {
            Map<String, Object> properties = map(schema.get("properties"));
            assertThat(properties.keySet()).as("fields of %s (%s)", where, type.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getRecordComponents())
                            .map(RecordComponent::getName).toList());
            for (RecordComponent component : type.getRecordComponents()) {
                assertMatches(properties.get(component.getName()), component.getGenericType(),
                        where + "." + component.getName());
            }
        } else if (type.isEnum()) {
            List<String> values = ((List<?>) schema.get("enum")).stream().filter(Objects::nonNull).map(String::valueOf).toList();
            assertThat(values).as("values of %s (%s)", where, type.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name()).toList());
        } else if (type == String.class) {
            assertThat(types(schema)).as("type of %s", where).contains("string");
        } else if (type == UUID.class || type == Instant.class) {
            assertThat(types(schema)).as("type of %s", where).contains("string");
            assertThat(schema.get("format")).as("format of %s", where).isEqualTo(type == UUID.class ? "uuid" : "date-time");
        } else if (type == int.class || type == long.class) {
            assertThat(types(schema)).as("type of %s", where).contains("integer");
        } else if (type == boolean.class) {
            assertThat(types(schema)).as("type of %s", where).contains("boolean");
        } else {
            throw new AssertionError(where + ": no rule for Java type " + type.getName() + "; extend this test");
        }
    }

    private static List<Class<?>> eventClassesOf(String topic) {
        return Arrays.<Class<?>>asList(Topics.eventTypeOf(topic).getPermittedSubclasses());
    }

    private static List<String> logicalNamesOf(String topic) {
        return eventClassesOf(topic).stream().map(AsyncApiDocumentTest::logicalName).toList();
    }

    private static String logicalName(Class<?> eventClass) {
        return CporEvent.typeNameOf(eventClass.asSubclass(CporEvent.class));
    }

    private static Map<String, Object> channelOf(String address) {
        return map(asyncApi.get("channels")).values().stream().map(AsyncApiDocumentTest::map)
                .filter(channel -> address.equals(channel.get("address")))
                .findFirst().orElse(null);
    }

    private static Map<String, Object> messageOf(String topic, Class<?> eventClass) {
        String name = logicalName(eventClass);
        return map(channelOf(topic).get("messages")).values().stream().map(AsyncApiDocumentTest::resolve)
                .filter(message -> name.equals(message.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no message " + name + " on " + topic));
    }

    private static List<String> types(Map<String, Object> schema) {
        Object type = schema.get("type");
        return type instanceof List<?> several ? several.stream().map(String::valueOf).toList() : List.of(String.valueOf(type));
    }

    /** Follows local {@code $ref}s ({@code #/components/...}) until a plain object is reached. */
    private static Map<String, Object> resolve(Object node) {
        Map<String, Object> object = map(node);
        while (object.containsKey("$ref")) {
            String reference = (String) object.get("$ref");
            assertThat(reference).as("only local references").startsWith("#/");
            Object target = asyncApi;
            for (String part : reference.substring(2).split("/")) {
                target = map(target).get(part.replace("~1", "/").replace("~0", "~"));
                assertThat(target).as("target of %s", reference).isNotNull();
            }
            object = map(target);
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }
}
