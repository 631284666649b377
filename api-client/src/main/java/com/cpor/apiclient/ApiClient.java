package com.cpor.apiclient;

import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The one client of the platform's REST APIs (docs/api-conventions.md), as a partner's or reviewer's program uses
 * them: a bearer token, JSON bodies, every answer (also 4xx/5xx and problem+json) returned as it is, an
 * {@code Idempotency-Key} on {@link #create creates}, and lost-update protection on {@link #patch PATCH} and
 * {@link #put PUT} (the claim and the partner organisation answer 428 without {@code If-Match}): the client remembers
 * the last {@code ETag} it saw of each resource and sends it; when it has seen none, it reads the resource first, as
 * a client editing what it just read does. Other writes to a resource or below it (an action, an upload) forget its
 * ETag, since they change its version.
 * <p>
 * An instance is one caller; {@link #as} gives another caller the same connection pool and settings, with its own
 * ETag memory. A URL that does not start with {@code http} is resolved against the base URL. A request that gets no
 * answer throws {@link Unreachable}: its outcome is unknown.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the client accepts by default: JSON, problems, and whatever else an endpoint produces (CSV, a PDF). */
    public static final String ACCEPT = "application/json, application/problem+json, */*";

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);
    private static final HttpClient DEFAULT_HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final Duration requestTimeout;
    private final String accept;
    /** A load generator's: no answer is status -1 (counted, not thrown), and no ETag is remembered. */
    private final boolean loadGenerator;
    private final Map<String, String> etags = new ConcurrentHashMap<>();

    private ApiClient(HttpClient http, String baseUrl, String token, Duration requestTimeout, String accept,
                      boolean loadGenerator) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.accept = accept;
        this.loadGenerator = loadGenerator;
    }

    /** No token, no base URL: connect within 5 s, answers within 30 s. */
    public static ApiClient anonymous() {
        return new ApiClient(DEFAULT_HTTP, "", null, Duration.ofSeconds(30), ACCEPT, false);
    }

    /** A client with a bearer token (null: none). */
    public static ApiClient withToken(String token) {
        return anonymous().as(token);
    }

    /**
     * A load generator's client (the benchmarks): its own connection pool, HTTP/1.1, virtual threads for the JDK
     * client's work; a request that gets no answer is returned as status -1 with the error as its body, so that it is
     * counted and the load goes on; it remembers no ETags (it edits nothing, and would only pile them up).
     */
    public static ApiClient loadGenerator(Duration connectTimeout) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        return new ApiClient(http, "", null, Duration.ofSeconds(30), ACCEPT, true);
    }

    /** The same connection pool and settings as another caller (null: no token), with an empty ETag memory. */
    public ApiClient as(String bearerToken) {
        return new ApiClient(http, baseUrl, bearerToken, requestTimeout, accept, loadGenerator);
    }

    /** Relative URLs are resolved against {@code url} (e.g. {@code http://localhost:8081}). */
    public ApiClient baseUrl(String url) {
        return new ApiClient(http, url, token, requestTimeout, accept, loadGenerator);
    }

    public ApiClient requestTimeout(Duration timeout) {
        return new ApiClient(http, baseUrl, token, timeout, accept, loadGenerator);
    }

    /** A client whose HTTP client connects within {@code timeout} (a new pool). */
    public ApiClient connectTimeout(Duration timeout) {
        return new ApiClient(HttpClient.newBuilder().connectTimeout(timeout).build(), baseUrl, token, requestTimeout,
                accept, loadGenerator);
    }

    /** The {@code Accept} header of every request (null: none). */
    public ApiClient accept(String mediaTypes) {
        return new ApiClient(http, baseUrl, token, requestTimeout, mediaTypes, loadGenerator);
    }

    public ApiResponse get(String url) {
        return send(request(url).GET(), url, "GET");
    }

    /** A GET for another representation, e.g. {@code text/plain} for Prometheus or {@code text/csv}. */
    public ApiResponse get(String url, String acceptedType) {
        return send(request(url).setHeader("Accept", acceptedType).GET(), url, "GET");
    }

    /** A POST of a JSON body (a String is sent as it is; null: no body). */
    public ApiResponse post(String url, Object body) {
        return post(url, body, Map.of());
    }

    /** A POST with extra headers (Idempotency-Key, If-Match, the gateway's X-Forwarded-*). */
    public ApiResponse post(String url, Object body, Map<String, String> headers) {
        return send("POST", url, "application/json", body, headers);
    }

    /** A create: a POST with a fresh {@code Idempotency-Key}, so that a retry of it cannot create twice. */
    public ApiResponse create(String url, Object body) {
        return create(url, body, UUID.randomUUID().toString());
    }

    /** A create with the caller's {@code Idempotency-Key}: the same key and body again gets the first answer. */
    public ApiResponse create(String url, Object body, String idempotencyKey) {
        return post(url, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** A JSON merge patch with {@code If-Match} (the remembered ETag, else the one read now). */
    public ApiResponse patch(String url, Object body) {
        return send("PATCH", url, "application/merge-patch+json", body, ifMatch(url));
    }

    /** A PATCH of another content type (plain {@code application/json} is accepted like a merge patch), with If-Match. */
    public ApiResponse patch(String url, String contentType, Object body) {
        return send("PATCH", url, contentType, body, ifMatch(url));
    }

    /** A replacing PUT with {@code If-Match} (the remembered ETag, else the one read now). */
    public ApiResponse put(String url, Object body) {
        return send("PUT", url, "application/json", body, ifMatch(url));
    }

    public ApiResponse delete(String url) {
        return send("DELETE", url, null, null, Map.of());
    }

    /**
     * Any request as it is: the method, the content type of the body (a String is sent as it is, null sends none)
     * and the headers given; no If-Match is added (a write without one, or with a stale one, is a test's to make).
     */
    public ApiResponse send(String method, String url, String contentType, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = request(url);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(
                            body instanceof String text ? text : JSON.writeValueAsString(body)));
        }
        headers.forEach(request::header);
        return send(request, url, method);
    }

    /** Sends a request {@link #request shaped by the caller}; no ETag is remembered or sent. */
    public ApiResponse send(HttpRequest.Builder request) {
        HttpResponse<String> answer = exchange(request, "a shaped request",
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new ApiResponse(answer.statusCode(), answer.body(), answer.headers());
    }

    /** A multipart upload of one file, its type guessed from its name (the service checks content, not names). */
    public ApiResponse upload(String url, String fileName, byte[] content) {
        return upload(url, fileName, Objects.requireNonNullElse(URLConnection.guessContentTypeFromName(fileName),
                "application/octet-stream"), content);
    }

    /** A multipart upload of one file (field {@code file}). */
    public ApiResponse upload(String url, String fileName, String contentType, byte[] content) {
        String boundary = "cpor-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(url).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), url, "POST");
    }

    /** A GET of a binary representation (a document): its bytes are the body's chars, read as ISO-8859-1. */
    public ApiResponse download(String url) {
        HttpResponse<byte[]> answer = exchange(request(url).GET(), url, HttpResponse.BodyHandlers.ofByteArray());
        return new ApiResponse(answer.statusCode(), new String(answer.body(), StandardCharsets.ISO_8859_1),
                answer.headers());
    }

    /** The last ETag this client saw of the resource, or null. */
    public String etag(String url) {
        return etags.get(absolute(url));
    }

    private Map<String, String> ifMatch(String url) {
        String etag = etag(url);
        if (etag == null) {
            ApiResponse current = get(url);
            etag = current.status() == 200 ? current.etag() : null;
        }
        // when the caller cannot read the resource it sends none, and the API says why it may not write
        return etag == null ? Map.of() : Map.of("If-Match", etag);
    }

    /**
     * A request to shape oneself (a chunked or oversized body, odd headers: the wire tests), with this client's URL
     * resolution, token, timeout and Accept; {@link #send(HttpRequest.Builder)} sends it.
     */
    public HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(absolute(url))).timeout(requestTimeout);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private ApiResponse send(HttpRequest.Builder request, String url, String method) {
        HttpResponse<String> answer;
        try {
            answer = exchange(request, url, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Unreachable e) {
            if (loadGenerator) {
                return new ApiResponse(-1, e.getCause().getMessage(), NO_HEADERS);
            }
            throw e;
        } catch (IllegalStateException interrupted) {
            if (loadGenerator) {
                return new ApiResponse(-1, "interrupted", NO_HEADERS);
            }
            throw interrupted;
        }
        ApiResponse response = new ApiResponse(answer.statusCode(), answer.body(), answer.headers());
        if (!loadGenerator) {
            remember(absolute(url), method, response);
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, String url, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new Unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + url, e);
        }
    }

    private void remember(String url, String method, ApiResponse response) {
        boolean read = method.equals("GET") || method.equals("PATCH") || method.equals("PUT");
        if (read && response.ok() && response.etag() != null) {
            etags.put(url, response.etag());
        } else if (!method.equals("GET")) {
            // an action, upload or delete on the resource or below it changed (or may have changed) its version
            for (String resource = url; resource.lastIndexOf('/') > resource.indexOf("//") + 1;
                 resource = resource.substring(0, resource.lastIndexOf('/'))) {
                etags.remove(resource);
            }
        }
        if (response.status() == 201 && response.location() != null && response.etag() != null) {
            etags.put(absolute(response.location()), response.etag());
        }
    }

    private String absolute(String url) {
        return url.startsWith("http://") || url.startsWith("https://") ? url : baseUrl + url;
    }

    @Override
    public String toString() {
        return "ApiClient[" + Objects.requireNonNullElse(baseUrl, "") + (token == null ? ", anonymous]" : "]");
    }

    /** The service did not answer (down, restarting, connection reset, timed out): the outcome is unknown. */
    public static final class Unreachable extends RuntimeException {

        public Unreachable(IOException cause) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }
}
