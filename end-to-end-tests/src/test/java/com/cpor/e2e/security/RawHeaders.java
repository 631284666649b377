package com.cpor.e2e.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The response headers of a GET, lower-cased names, first value each. */
final class RawHeaders {

    private RawHeaders() {
    }

    static Map<String, String> of(String url, Who who) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (who.user() != null) {
            request.header("Authorization", "Bearer " + SharedPlatform.get().identity().tokenFor(who.user()));
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.discarding());
            Map<String, String> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            return headers;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
