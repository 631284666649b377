package com.cpor.platform.messaging;

/**
 * A well-formed event whose {@code type} this build does not know: written by a newer producer during a rolling
 * upgrade. Not poison: the consumer skips and counts it instead of dead-lettering it (a newer consumer handles it).
 */
public class UnknownEventTypeException extends RuntimeException {

    private final String topic;
    private final String type;

    public UnknownEventTypeException(String topic, String type) {
        super("Event type " + type + " on " + topic + " is not known to this version; skipped");
        this.topic = topic;
        this.type = type;
    }

    public String topic() {
        return topic;
    }

    public String type() {
        return type;
    }
}
