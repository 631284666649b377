package com.cpor.claimservice.claim.web;

import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.TestIdentity;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A thin HTTP client of the claim API for tests, acting as one of the development users. */
public final class ClaimApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;

    public ClaimApi(int port) {
        this.http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {
                })
                .build();
    }

    public record Response(int status, HttpHeaders headers, String text) {

        public JsonNode json() {
            return text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        }

        public Response expect(int expected) {
            assertThat(status).as("HTTP status; body: %s", text).isEqualTo(expected);
            return this;
        }
    }

    public Response get(DevUser user, String path) {
        return exchange(HttpMethod.GET, user, path, null, null);
    }

    public Response post(DevUser user, String path, Object body) {
        return exchange(HttpMethod.POST, user, path, body, MediaType.APPLICATION_JSON);
    }

    /** POST with extra headers (Idempotency-Key, the gateway's X-Forwarded-*). */
    public Response post(DevUser user, String path, Object body, Map<String, String> headers) {
        RestClient.RequestBodySpec request = http.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIdentity.tokenFor(user));
        headers.forEach(request::header);
        ResponseEntity<String> response = request.contentType(MediaType.APPLICATION_JSON)
                .body(body instanceof String text ? text : JSON.writeValueAsString(body))
                .retrieve().toEntity(String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    public Response put(DevUser user, String path, Object body) {
        return exchange(HttpMethod.PUT, user, path, body, MediaType.APPLICATION_JSON);
    }

    public Response patch(DevUser user, String path, Object body) {
        return exchange(HttpMethod.PATCH, user, path, body, MediaType.parseMediaType("application/merge-patch+json"));
    }

    public Response patchWithIfMatch(DevUser user, String path, Object body, String etag) {
        return withIfMatch(HttpMethod.PATCH, user, path, body, etag);
    }

    /** PATCH with plain application/json, which is accepted like a merge patch. */
    public Response patchJson(DevUser user, String path, String json) {
        return exchange(HttpMethod.PATCH, user, path, json, MediaType.APPLICATION_JSON);
    }

    public Response delete(DevUser user, String path) {
        return exchange(HttpMethod.DELETE, user, path, null, null);
    }

    public Response upload(DevUser user, String claimId, String fileName, byte[] content) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        ResponseEntity<String> response = http.post().uri("/api/v1/claims/" + claimId + "/documents")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIdentity.tokenFor(user))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form)
                .retrieve().toEntity(String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    public Response getRaw(DevUser user, String path) {
        ResponseEntity<byte[]> response = http.get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIdentity.tokenFor(user))
                .retrieve().toEntity(byte[].class);
        byte[] body = response.getBody();
        return new Response(response.getStatusCode().value(), response.getHeaders(),
                body == null ? null : new String(body, StandardCharsets.ISO_8859_1));
    }

    /** A request with a token of one's own making (other partner IDs than the development users have). */
    public Response exchange(HttpMethod method, String token, String path, Object body) {
        return exchange(method, token, path, body, method == HttpMethod.PATCH
                ? MediaType.parseMediaType("application/merge-patch+json") : MediaType.APPLICATION_JSON);
    }

    private Response exchange(HttpMethod method, DevUser user, String path, Object body, MediaType contentType) {
        return exchange(method, user == null ? null : TestIdentity.tokenFor(user), path, body, contentType);
    }

    /**
     * PATCH and PUT send If-Match with the ETag the caller reads first, as a client editing what it read does (the
     * API answers 428 without it); when the caller cannot read the resource, they send none.
     */
    private Response exchange(HttpMethod method, String token, String path, Object body, MediaType contentType) {
        String etag = method == HttpMethod.PATCH || method == HttpMethod.PUT ? currentETag(token, path) : null;
        return exchange(method, token, path, body, contentType, etag);
    }

    /** A write without If-Match, whatever its method. */
    public Response unconditional(HttpMethod method, DevUser user, String path, Object body) {
        return exchange(method, TestIdentity.tokenFor(user), path, body, method == HttpMethod.PATCH
                ? MediaType.parseMediaType("application/merge-patch+json") : MediaType.APPLICATION_JSON, null);
    }

    /** A write with this If-Match, whatever its method. */
    public Response withIfMatch(HttpMethod method, DevUser user, String path, Object body, String etag) {
        return exchange(method, TestIdentity.tokenFor(user), path, body, method == HttpMethod.PATCH
                ? MediaType.parseMediaType("application/merge-patch+json") : MediaType.APPLICATION_JSON, etag);
    }

    private String currentETag(String token, String path) {
        Response current = exchange(HttpMethod.GET, token, path, null, null, null);
        return current.status() == 200 ? current.headers().getETag() : null;
    }

    private Response exchange(HttpMethod method, String token, String path, Object body, MediaType contentType,
                              String ifMatch) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (body != null) {
            request.contentType(contentType).body(body instanceof String text ? text : JSON.writeValueAsString(body));
        }
        ResponseEntity<String> response = request.retrieve().toEntity(String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    /** The text of {@code field} of each element of a JSON array (not of nested objects). */
    public static java.util.List<String> each(JsonNode array, String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asString()));
        return values;
    }

    // ---- claims and documents used by the tests

    /** A valid Microsoft 365 usage claim of partner 1234567 on a fresh tenant. */
    public static Map<String, Object> microsoft365Claim(String tenantId) {
        return Map.of(
                "name", "Contoso — Teams and Exchange usage",
                "partnerId", "1234567",
                "solutionArea", "MICROSOFT_365",
                "activity", "USAGE",
                "customer", Map.of("tenantId", tenantId, "domain", "contoso.onmicrosoft.com", "name", "Contoso Ltd"),
                "products", java.util.List.of(Map.of("code", "TEAMS"), Map.of("code", "EXCHANGE_ONLINE")),
                "customerContact", Map.of("name", "Anna Kowalska", "title", "CIO", "email", "anna@contoso.example", "locale", "pl-PL"),
                "partnerContact", Map.of("name", "Piotr Nowak", "email", "piotr@partner.example", "locale", "en-US"));
    }

    public static Map<String, Object> microsoft365Claim() {
        return microsoft365Claim(UUID.randomUUID().toString());
    }

    public static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] png() {
        return padded(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'}, 80);
    }

    public static byte[] jpeg() {
        return padded(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0}, 128);
    }

    /** The minimum sizes per type (cpor.claim.limits.min-document-size) want files the size of real ones. */
    private static byte[] padded(byte[] start, int size) {
        return java.util.Arrays.copyOf(start, size);
    }

    public static byte[] docx() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Windows executable: what a renamed "poe.pdf" might really be. */
    public static byte[] executable() {
        return new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
    }

    /** Creates a claim as the partner admin, optionally with a PDF uploaded; returns its id. */
    public String createClaim(Map<String, Object> body, boolean withDocument) {
        Response created = post(DevUser.PARTNER_ADMIN, "/api/v1/claims", body).expect(201);
        String id = created.json().get("id").asString();
        if (withDocument) {
            upload(DevUser.PARTNER_ADMIN, id, "poe.pdf", pdf()).expect(201);
        }
        return id;
    }

    public String submittedClaim(Map<String, Object> body) {
        String id = createClaim(body, true);
        post(DevUser.PARTNER_ADMIN, "/api/v1/claims/" + id + "/submit", null).expect(200);
        return id;
    }

    public JsonNode claim(String id) {
        return get(DevUser.PARTNER_ADMIN, "/api/v1/claims/" + id).expect(200).json();
    }

    public String status(String id) {
        return claim(id).get("status").asString();
    }
}
