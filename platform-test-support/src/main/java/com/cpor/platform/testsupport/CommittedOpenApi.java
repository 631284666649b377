package com.cpor.platform.testsupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAPI documents are committed in {@code docs/openapi/<service>.json}, so that the build lints them and a
 * change of the API shows in review. A service's test compares its served document with the committed one and
 * fails on any difference; {@code -Dopenapi.update=true} writes the served one instead (then commit it).
 */
public final class CommittedOpenApi {

    /** The servers entry of the committed document: the served one names the host the request came through. */
    static final String PUBLIC_SERVER = "/";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CommittedOpenApi() {
    }

    /** Fails unless {@code GET /v3/api-docs} of the service on this port equals {@code docs/openapi/<service>.json}. */
    public static void assertServedDocumentIsCommitted(String service, int port) {
        Path committed = repositoryRoot().resolve("docs/openapi/" + service + ".json");
        String served = normalized(fetch(port));
        try {
            if (Boolean.getBoolean("openapi.update")) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, served, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
            if (!served.equals(expected)) {
                Path actual = Path.of("target", "openapi", service + ".json");
                Files.createDirectories(actual.getParent());
                Files.writeString(actual, served, StandardCharsets.UTF_8);
                throw new AssertionError("The served OpenAPI document of " + service + " differs from " + committed
                        + " (served one in " + actual.toAbsolutePath() + "). If the API change is intended, rerun "
                        + "the test with -Dopenapi.update=true and commit the document.");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode fetch(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/v3/api-docs")).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keys sorted (the served order follows bean discovery) and the test's random port out of the servers. */
    static String normalized(JsonNode document) {
        ObjectNode sorted = (ObjectNode) sortedCopy(document);
        ArrayNode servers = sorted.putArray("servers");
        servers.addObject().put("url", PUBLIC_SERVER)
                .put("description", "the service's public base URL (behind a gateway: from its forwarded headers)");
        return JSON.writeValueAsString(sortedCopy(sorted)) + "\n";
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            names.forEach(name -> copy.set(name, sortedCopy(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(element -> copy.add(sortedCopy(element)));
            return copy;
        }
        return node;
    }

    /** Tests run in the module's directory; the repository root is the nearest parent with {@code docs} and {@code mvnw}. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
