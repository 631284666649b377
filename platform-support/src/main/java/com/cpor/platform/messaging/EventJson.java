package com.cpor.platform.messaging;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one JSON form of events on the wire, independent of any service's web JSON settings.
 * Unknown properties are ignored (additive changes stay compatible). A well-formed event of a type no topic of
 * this build carries is reported as {@link UnknownEventTypeException} (a newer producer: skipped, not poison);
 * anything else that is not a complete, known event of the topic is {@link MalformedEventException}.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .build();

    /** What a type name looks like ({@code claim.status-changed}); anything else is not a newer type but garbage. */
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}(\\.[a-z][a-z0-9-]{0,60}){1,3}");

    /** Every type any topic of this build carries: a type known elsewhere but sent here is misrouted, not newer. */
    private static final Set<String> KNOWN_TYPES = Topics.all().stream()
            .map(Topics::eventTypeOf)
            .flatMap(family -> Arrays.stream(family.getAnnotation(JsonSubTypes.class).value()))
            .map(subtype -> CporEvent.typeNameOf(subtype.value().asSubclass(CporEvent.class)))
            .collect(Collectors.toUnmodifiableSet());

    private EventJson() {
    }

    public static String write(CporEvent event) {
        // serialise through the sealed family so the logical "type" property is written
        return MAPPER.writerFor(Topics.eventTypeOf(Topics.topicOf(event.getClass()))).writeValueAsString(event);
    }

    /**
     * Reads an event from a topic, checking that it is complete enough to act on.
     *
     * @throws UnknownEventTypeException for a well-formed event of a type this build does not know
     * @throws MalformedEventException     for anything else that is not a known, well-formed event of that topic
     */
    public static CporEvent read(String topic, byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new MalformedEventException("Empty payload on " + topic);
        }
        CporEvent event;
        try {
            event = MAPPER.readValue(payload, Topics.eventTypeOf(topic));
        } catch (InvalidTypeIdException e) {
            if (isNewerEventType(e.getTypeId(), payload)) {
                throw new UnknownEventTypeException(topic, e.getTypeId());
            }
            throw new MalformedEventException("Not a valid event of " + topic + ": " + originalMessageOf(e), e);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("Not a valid event of " + topic + ": " + originalMessageOf(e), e);
        }
        if (event == null || event.eventId() == null || event.occurredAt() == null
                || event.claimId() == null || event.claimId().isBlank()) {
            throw new MalformedEventException("Event on " + topic + " lacks eventId, occurredAt or claimId: "
                    + new String(payload, StandardCharsets.UTF_8));
        }
        return event;
    }

    /**
     * A type no topic of this build knows, on an otherwise complete event (id, time and claim present): what a newer
     * producer writes. Missing or misrouted types, and incomplete events, stay malformed.
     */
    private static boolean isNewerEventType(String typeId, byte[] payload) {
        if (typeId == null || !TYPE_NAME.matcher(typeId).matches() || KNOWN_TYPES.contains(typeId)) {
            return false;
        }
        try {
            JsonNode tree = MAPPER.readTree(payload);
            return tree.isObject() && isText(tree.get("eventId")) && isText(tree.get("occurredAt"))
                    && isText(tree.get("claimId"));
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean isText(JsonNode node) {
        return node != null && node.isString() && !node.asString().isBlank();
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private static String originalMessageOf(Exception e) {
        return e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
    }
}
