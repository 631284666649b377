package com.cpor.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Every JSON string a request body binds to (records, lists, maps of untyped values) is checked by
 * {@link SafeText}: tab and line breaks are allowed, other control characters and unpaired surrogates are a 400
 * naming the field, before any of it reaches a pattern, a log or the database.
 */
public class SafeTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        String value = super.deserialize(parser, context);
        String problem = SafeText.problemOf(value, true);
        if (problem != null) {
            throw new UnsafeTextException(parser, problem);
        }
        return value;
    }
}
