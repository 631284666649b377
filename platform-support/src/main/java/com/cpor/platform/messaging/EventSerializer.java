package com.cpor.platform.messaging;

import com.cpor.events.CporEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;

/**
 * Writes platform events as JSON and passes raw bytes through: the dead-letter publisher sends both
 * (events that failed processing, and the original bytes of records that could not be read).
 */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return switch (data) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case CporEvent event -> EventJson.write(event).getBytes(StandardCharsets.UTF_8);
            default -> throw new SerializationException("Cannot write " + data.getClass().getName() + " to " + topic);
        };
    }
}
