package com.cpor.reliability;

import com.cpor.devinfra.DevUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP as the users do it, during faults: a request to a service that is down fails with
 * {@link Unreachable} so the caller can retry, every answer (also 4xx/5xx) is returned as it is.
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF_FIELD = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String token;

    private Http(String token) {
        this.token = token;
    }

    static Http as(DevUser user) {
        return new Http(ReliabilityPlatform.get().identity().tokenFor(user));
    }

    Response get(String url) {
        return send(CLIENT, authorized(url).GET());
    }

    /** A GET for a text resource (the Prometheus scrape), without asking for JSON. */
    Response getText(String url) {
        return send(CLIENT, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Accept", "text/plain").GET());
    }

    Response post(String url, Object body) {
        return send(CLIENT, authorized(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response upload(String url, String fileName, String contentType, byte[] content) {
        String boundary = "cpor-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(CLIENT, authorized(url).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** The customer (no account) opens the consent link and submits the page's decline form. */
    static Response declineConsent(String link) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(3)).build();
        Response page = send(browser, HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(20)).GET());
        if (page.status() != 200) {
            return page;
        }
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        if (!csrf.find()) {
            return page;
        }
        String value = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        return send(browser, HttpRequest.newBuilder(URI.create(link + "/decline")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
    }

    private HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private static Response send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The service did not answer (down, restarting, connection reset): the outcome of the request is unknown. */
    static final class Unreachable extends RuntimeException {
        Unreachable(IOException cause) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
    }
}
