package com.cpor.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a JSON binding failure into the field it concerns and a message for the client. Jackson's own messages name
 * Java types ({@code com.cpor...}, {@code int}) and echo the value; these say what the field must be instead.
 */
public final class JsonInputErrors {

    private JsonInputErrors() {
    }

    public static InvalidInputProblem.FieldError describe(JacksonException e) {
        String field = path(e);
        return new InvalidInputProblem.FieldError(field.isEmpty() ? "body" : field, message(e));
    }

    static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName()
                        : ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "?")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String message(JacksonException e) {
        if (e instanceof UnsafeTextException) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field that can be set here";
        }
        if (e instanceof InputCoercionException) {
            return "is out of range";
        }
        if (e instanceof StreamConstraintsException) {
            return "exceeds a JSON size limit (nesting, string, number or document length)";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        if (e instanceof InvalidFormatException) {
            return "has an invalid value";
        }
        if (e instanceof StreamReadException) {
            return "is not readable JSON";
        }
        return "has an invalid value";
    }

    /** What a value of {@code type} looks like, in the client's terms. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-01-31";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date and time such as 2026-01-31T09:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "a valid value";
    }
}
