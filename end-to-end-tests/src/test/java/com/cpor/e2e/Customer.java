package com.cpor.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The customer on the consent page, with no account: opens the link, and declines with the page's form. */
final class Customer {

    private static final Pattern CSRF_FIELD = Pattern.compile(
            "<input[^>]*name=\"(_csrf)\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

    Page open(String link) {
        return send(HttpRequest.newBuilder(URI.create(link)).GET());
    }

    /** Submits the decline form of a page opened with {@link #open}. */
    Page decline(String link, Page page) {
        Matcher csrf = CSRF_FIELD.matcher(page.html());
        if (!csrf.find()) {
            throw new AssertionError("The consent page has no CSRF token field");
        }
        String token = csrf.group(2) != null ? csrf.group(2) : csrf.group(3);
        String form = "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(link + "/decline"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = browser.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Page(int status, String html) {
    }
}
