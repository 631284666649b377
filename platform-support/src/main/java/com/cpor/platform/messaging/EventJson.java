package com.cpor.platform.messaging;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;

import java.nio.charset.StandardCharsets;

/**
 * The one JSON form of events on the wire, independent of any service's web JSON settings.
 * Unknown properties are ignored (additive changes stay compatible); unknown types are refused.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .build();

    private EventJson() {
    }

    public static String write(CporEvent event) {
        // serialise through the sealed family so the logical "type" property is written
        return MAPPER.writerFor(Topics.eventTypeOf(Topics.topicOf(event.getClass()))).writeValueAsString(event);
    }

    /**
     * Reads an event from a topic, checking that it is complete enough to act on.
     *
     * @throws MalformedEventException for anything that is not a known, well-formed event of that topic
     */
    public static CporEvent read(String topic, byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new MalformedEventException("Empty payload on " + topic);
        }
        CporEvent event;
        try {
            event = MAPPER.readValue(payload, Topics.eventTypeOf(topic));
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

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private static String originalMessageOf(Exception e) {
        return e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
    }
}
