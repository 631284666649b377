package com.cpor.apiclient;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The customer on the consent page, with no account, as a browser: follows redirects, keeps the session cookie,
 * opens the link from the e-mail and submits the page's decline form with its CSRF token.
 */
public final class ConsentPage {

    private final HttpClient browser;
    private final Duration requestTimeout;

    public ConsentPage(Duration connectTimeout, Duration requestTimeout) {
        this.browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
    }

    public ConsentPage() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public Page open(String link) {
        return send(HttpRequest.newBuilder(URI.create(link)).GET());
    }

    /** Submits the decline form of a page {@link #open opened} before; it must have one. */
    public Page decline(String link, Page page) {
        String token = page.csrfToken();
        if (token == null) {
            throw new AssertionError("The consent page has no CSRF token field");
        }
        return send(HttpRequest.newBuilder(URI.create(link + "/decline"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = browser.send(request.timeout(requestTimeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ApiClient.Unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Page(int status, String html) {

        /**
         * The CSRF token of the page's form, or null when it has none. Read tag by tag, each character once: a
         * pattern with two {@code [^>]*} around the field's name backtracked cubically on a page of unclosed tags.
         */
        public String csrfToken() {
            String page = html == null ? "" : html;
            for (int start = page.indexOf("<input"); start >= 0; ) {
                int end = page.indexOf('>', start);
                if (end < 0) {
                    return null;
                }
                String tag = page.substring(start, end);
                String token = tag.contains("name=\"_csrf\"") ? value(tag) : null;
                if (token != null) {
                    return token;
                }
                start = page.indexOf("<input", end);
            }
            return null;
        }

        private static String value(String tag) {
            int from = tag.indexOf("value=\"");
            if (from < 0) {
                return null;
            }
            from += "value=\"".length();
            int to = tag.indexOf('"', from);
            return to > from ? tag.substring(from, to) : null;
        }
    }
}
