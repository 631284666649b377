package com.cpor.events.consents;

import com.cpor.events.CporEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Events on {@code cpor.consents.v1}, written by consent-service. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ConsentRequested.class),
        @JsonSubTypes.Type(ConsentDeclined.class),
        @JsonSubTypes.Type(ConsentWindowElapsed.class)
})
public sealed interface ConsentEvent extends CporEvent
        permits ConsentRequested, ConsentDeclined, ConsentWindowElapsed {
}
