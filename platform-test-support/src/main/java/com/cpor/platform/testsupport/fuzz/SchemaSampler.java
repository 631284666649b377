package com.cpor.platform.testsupport.fuzz;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A plausible value for an OpenAPI schema: its example, else its first enum constant, else a value of its type
 * and format. Follows {@code $ref}s into {@code components}; recursion stops at a fixed depth.
 */
final class SchemaSampler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private final JsonNode document;
    private final Random random;

    SchemaSampler(JsonNode document, Random random) {
        this.document = document;
        this.random = random;
    }

    /** The schema a {@code $ref} points to (local references only), or the schema itself. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 20; hops++) {
            String ref = current.get("$ref").asString();
            current = ref.startsWith("#") ? document.at(ref.substring(1)) : null;
        }
        if (current == null || current.isMissingNode()) {
            return NODES.objectNode();
        }
        JsonNode composite = first(current, "allOf");
        if (composite != null && current.get("allOf").size() == 1) {
            return resolve(composite);
        }
        return current;
    }

    String typeOf(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        JsonNode type = resolved.get("type");
        if (type != null && type.isString()) {
            return type.asString();
        }
        if (type != null && type.isArray()) {
            for (JsonNode each : type) {
                if (!"null".equals(each.asString())) {
                    return each.asString();
                }
            }
        }
        if (resolved.has("properties")) {
            return "object";
        }
        if (resolved.has("items")) {
            return "array";
        }
        JsonNode alternative = first(resolved, "oneOf") != null ? first(resolved, "oneOf") : first(resolved, "anyOf");
        return alternative == null ? "string" : typeOf(alternative);
    }

    JsonNode sample(JsonNode schema) {
        return sample(schema, 0);
    }

    private JsonNode sample(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("example") && !resolved.get("example").isNull()) {
            return resolved.get("example");
        }
        if (resolved.has("examples") && resolved.get("examples").isArray() && !resolved.get("examples").isEmpty()) {
            return resolved.get("examples").get(0);
        }
        if (resolved.has("default") && !resolved.get("default").isNull()) {
            return resolved.get("default");
        }
        if (resolved.has("enum") && !resolved.get("enum").isEmpty()) {
            return resolved.get("enum").get(0);
        }
        JsonNode alternative = first(resolved, "oneOf") != null ? first(resolved, "oneOf") : first(resolved, "anyOf");
        if (alternative != null) {
            return sample(alternative, depth + 1);
        }
        return switch (typeOf(resolved)) {
            case "object" -> object(resolved, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < MAX_DEPTH) {
                    int items = Math.max(1, resolved.path("minItems").asInt(1));
                    for (int i = 0; i < Math.min(items, 3); i++) {
                        array.add(sample(resolved.path("items"), depth + 1));
                    }
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(Math.max(1, resolved.path("minimum").asLong(1)));
            case "number" -> NODES.numberNode(Math.max(1.5, resolved.path("minimum").asDouble(1.5)));
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode(string(resolved));
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth >= MAX_DEPTH) {
            return object;
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if (!property.getValue().path("readOnly").asBoolean(false)) {
                object.set(property.getKey(), sample(property.getValue(), depth + 1));
            }
        }
        for (JsonNode part : schema.path("allOf")) {
            JsonNode sampled = sample(part, depth + 1);
            if (sampled.isObject()) {
                object.setAll((ObjectNode) sampled);
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (object.isEmpty() && additional != null && additional.isObject()) {
            object.set("key", sample(additional, depth + 1));
        }
        return object;
    }

    private String string(JsonNode schema) {
        String format = schema.path("format").asString("");
        String value = switch (format) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "date-time" -> "2026-03-16T10:15:30Z";
            case "date" -> "2026-03-16";
            case "email" -> "fuzz@example.com";
            case "uri", "url" -> "https://example.com/fuzz";
            case "binary" -> "fuzz";
            default -> "fuzz";
        };
        int minLength = schema.path("minLength").asInt(0);
        return value.length() >= minLength ? value : value + "x".repeat(minLength - value.length());
    }

    private static JsonNode first(JsonNode schema, String composition) {
        JsonNode options = schema.get(composition);
        return options != null && options.isArray() && !options.isEmpty() ? options.get(0) : null;
    }
}
