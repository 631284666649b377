package com.cpor.events;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event: an immutable, past-tense fact about one claim.
 * Compatibility rule: additive changes only; a breaking change is a new type or a new topic.
 */
public interface CporEvent {

    /** Unique per event; consumers record it to ignore redeliveries. */
    UUID eventId();

    Instant occurredAt();

    /** Also the Kafka record key, so all events of a claim keep their order. */
    String claimId();

    /** The logical type name on the wire (the {@code type} property and the {@code ce_type} header). */
    static String typeNameOf(Class<? extends CporEvent> eventClass) {
        JsonTypeName name = eventClass.getAnnotation(JsonTypeName.class);
        if (name == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @JsonTypeName");
        }
        return name.value();
    }

    default String typeName() {
        return typeNameOf(getClass());
    }
}
