package com.cpor.apiclient;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer as it came: the status, the body as text and the headers, with readers for what the platform's APIs
 * send (JSON, problem+json, the page envelope, {@code ETag} and {@code Location}).
 */
public record ApiResponse(int status, String body, HttpHeaders headers) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON; an empty object for an empty body. */
    public JsonNode json() {
        return body == null || body.isBlank() ? ApiClient.JSON.createObjectNode() : ApiClient.JSON.readTree(body);
    }

    /** The text of a top-level field; null when it is missing or null. */
    public String text(String field) {
        return textOf(json(), field);
    }

    private static String textOf(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    /** The page envelope every list answers with. */
    public Page page() {
        return Page.of(json());
    }

    /** The RFC 9457 problem of an error answer. */
    public Problem problem() {
        return Problem.of(json());
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String etag() {
        return header("ETag");
    }

    public String location() {
        return header("Location");
    }

    /** The {@code Content-Type} header, or "" when there is none. */
    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** Throws an {@link AssertionError} with the body unless the status is {@code expected}. */
    public ApiResponse expect(int expected) {
        if (status != expected) {
            throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
        }
        return this;
    }

    /** The text of {@code field} of each element of a JSON array (not of nested objects). */
    public static List<String> each(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asString()));
        return values;
    }

    /** The page envelope: {@code {items, page, size, totalItems, totalPages}}, {@code page} counting from 0. */
    public record Page(List<JsonNode> items, int page, int size, long totalItems, long totalPages) {

        static Page of(JsonNode json) {
            if (!json.path("items").isArray()) {
                throw new AssertionError("Not a page envelope: " + json);
            }
            List<JsonNode> items = new ArrayList<>();
            json.get("items").forEach(items::add);
            return new Page(List.copyOf(items), json.path("page").asInt(), json.path("size").asInt(),
                    json.path("totalItems").asLong(), json.path("totalPages").asLong());
        }
    }

    /** An RFC 9457 problem; {@code json} has the platform's extensions (the field in error, a reason code). */
    public record Problem(String type, String title, int status, String detail, JsonNode json) {

        static Problem of(JsonNode json) {
            return new Problem(textOf(json, "type"), textOf(json, "title"), json.path("status").asInt(),
                    textOf(json, "detail"), json);
        }
    }
}
