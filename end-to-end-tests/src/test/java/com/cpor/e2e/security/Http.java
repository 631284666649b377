package com.cpor.e2e.security;

import com.cpor.devinfra.DevUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** HTTP as one caller (or none): any method, JSON or multipart bodies, status and body back. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<DevUser, String> TOKENS = new EnumMap<>(DevUser.class);

    private final String token;

    private Http(String token) {
        this.token = token;
    }

    static Http as(Who who) {
        return who.user() == null ? new Http(null) : as(who.user());
    }

    static Http as(DevUser user) {
        synchronized (TOKENS) {
            return new Http(TOKENS.computeIfAbsent(user, u -> SharedPlatform.get().identity().tokenFor(u)));
        }
    }

    Response get(String url) {
        return send(request(url).GET());
    }

    Response json(String method, String url, Object body) {
        return json(method, url, "application/json", body);
    }

    /**
     * PATCH and PUT send If-Match with the ETag the caller reads first, as a client editing what it read does (the
     * API answers 428 without it); when the caller cannot read the resource, they send none.
     */
    Response json(String method, String url, String contentType, Object body) {
        String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        HttpRequest.Builder request = request(url).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(text));
        if (method.equals("PATCH") || method.equals("PUT")) {
            String etag = get(url).etag();
            if (etag != null) {
                request.header("If-Match", etag);
            }
        }
        return send(request);
    }

    Response delete(String url) {
        return send(request(url).DELETE());
    }

    Response upload(String url, String fileName, String contentType, byte[] content) {
        String boundary = "cpor-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(url).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json, text/csv, */*");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.statusCode() == 200 ? response.headers().firstValue("ETag").orElse(null) : null);
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param etag the ETag of a 200 answer, null otherwise */
    record Response(int status, String body, String contentType, String etag) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }
}
