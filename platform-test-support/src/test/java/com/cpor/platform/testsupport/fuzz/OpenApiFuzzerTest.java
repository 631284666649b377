package com.cpor.platform.testsupport.fuzz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzzer against a tiny service with one operation and planted defects: each defect must be reported with
 * the request that shows it, and what the service does right must not be.
 */
class OpenApiFuzzerTest {

    private static final String DOCUMENT = """
            {"openapi":"3.1.0","paths":{"/things/{id}":{"post":{
              "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}},
                            {"name":"size","in":"query","schema":{"type":"integer","format":"int32"}}],
              "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}},
             "components":{"schemas":{"Thing":{"type":"object","properties":{
               "name":{"type":"string","example":"lamp"},
               "tags":{"type":"array","items":{"type":"string"}}}}}}}
            """;

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void reports_5xx_html_errors_leaked_type_names_accepted_control_characters_and_slow_answers_and_nothing_else() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/api-docs", exchange -> answer(exchange, 200, "application/json", DOCUMENT));
        server.createContext("/things/", this::plantedDefects);
        server.start();

        OpenApiFuzzer.Report report = OpenApiFuzzer.against("planted", server.getAddress().getPort())
                .knownGap("query size = huge page size", "planted: a known gap is reported, not failed")
                .run();

        List<String> findings = report.findings().stream().map(OpenApiFuzzer.Finding::toString).toList();
        assertThat(findings).anyMatch(f -> f.startsWith("POST /things/{id} | body /name = 10,000 nested arrays -> 500"));
        assertThat(findings).anyMatch(f -> f.startsWith("POST /things/{id} | path id = %00 -> not problem+json: 400 text/html"));
        assertThat(findings).anyMatch(f -> f.startsWith("POST /things/{id} | query size = text -> the error shows Java type names"));
        assertThat(findings).anyMatch(f -> f.startsWith("POST /things/{id} | body /tags/0 = NUL -> control characters or invalid Unicode were accepted"));
        assertThat(findings).anyMatch(f -> f.startsWith("POST /things/{id} | path id = nil UUID -> a hostile path value was accepted"));
        assertThat(findings).anyMatch(f -> f.startsWith("POST /things/{id} | body /name = e-mail backtracking bait -> slow: median"));
        assertThat(report.knownGaps()).singleElement().asString().contains("query size = huge page size");
        assertThat(findings).noneMatch(f -> f.contains("| baseline"));
        assertThat(findings).noneMatch(f -> f.contains("body /name = NUL"));
        assertThat(report.sent()).isEqualTo(report.generated());
    }

    /** Right by default (problem+json 400, or 200 for the baseline), wrong in exactly the planted ways. */
    private void plantedDefects(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String problem = "{\"type\":\"urn:test:invalid\",\"status\":400}";
        if (body.contains("[[[[[[[[")) {
            answer(exchange, 500, "application/problem+json", "{\"status\":500}");
        } else if (target.contains("%00")) {
            answer(exchange, 400, "text/html", "<html>Bad Request</html>");
        } else if (target.contains("size=abc")) {
            answer(exchange, 400, "application/problem+json", "{\"detail\":\"java.lang.NumberFormatException: abc\"}");
        } else if (target.contains("size=1000000000")) {
            answer(exchange, 500, "application/problem+json", "{\"status\":500}");
        } else if (body.contains("\"tags\":[\"a\\u0000b\"")) {
            answer(exchange, 200, "application/json", "{}");
        } else if (body.contains("\"name\":\"a\\u0000b\"")) {
            answer(exchange, 400, "application/problem+json", problem);
        } else if (body.startsWith("{\"name\":\"a@....")) {
            sleep();
            answer(exchange, 400, "application/problem+json", problem);
        } else if (target.startsWith("/things/00000000-0000-0000-0000-000000000000")
                || body.equals("{\"name\":\"lamp\",\"tags\":[\"fuzz\"]}")) {
            answer(exchange, 200, "application/json", "{}");
        } else {
            answer(exchange, 400, "application/problem+json", problem);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
