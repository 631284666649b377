package com.cpor.platform.messaging;

import com.cpor.events.CporEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer for platform events; wrapped in an ErrorHandlingDeserializer so failures dead-letter. */
public class EventDeserializer implements Deserializer<CporEvent> {

    @Override
    public CporEvent deserialize(String topic, byte[] data) {
        return EventJson.read(topic, data);
    }

    @Override
    public CporEvent deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }
}
