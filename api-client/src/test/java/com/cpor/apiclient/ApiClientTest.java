package com.cpor.apiclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a small HTTP server that versions one resource like the claim API does. */
class ApiClientTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger version = new AtomicInteger(1);
    private HttpServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/claims", this::claims);
        server.start();
        client = ApiClient.withToken("token-1").baseUrl("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** /claims/1: GET, PATCH (If-Match required: 428 without, 412 when stale), POST /claims/1/submit bumps it. */
    private void claims(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        requests.add(method + " " + path + " auth=" + exchange.getRequestHeaders().getFirst("Authorization")
                + " if-match=" + ifMatch + " key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        String etag = "\"" + version.get() + "\"";
        int status;
        String body;
        if (path.equals("/claims") && method.equals("GET")) {
            status = 200;
            body = "{\"items\":[{\"id\":\"1\"}],\"page\":0,\"size\":20,\"totalItems\":1,\"totalPages\":1}";
        } else if (path.equals("/claims") && method.equals("POST")) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/claims/1");
            exchange.getResponseHeaders().add("ETag", etag);
            status = 201;
            body = "{\"id\":\"1\"}";
        } else if (path.equals("/claims/1/submit")) {
            version.incrementAndGet();
            status = 200;
            body = "{}";
        } else if (method.equals("PATCH") && ifMatch == null) {
            status = 428;
            body = "{\"type\":\"about:blank\",\"title\":\"Precondition Required\",\"status\":428,\"detail\":\"If-Match\"}";
        } else if (method.equals("PATCH") && !ifMatch.equals(etag)) {
            status = 412;
            body = "{}";
        } else {
            if (method.equals("PATCH")) {
                etag = "\"" + version.incrementAndGet() + "\"";
            }
            exchange.getResponseHeaders().add("ETag", etag);
            status = 200;
            body = "{\"id\":\"1\",\"version\":" + version.get() + "}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void a_create_carries_a_fresh_idempotency_key_and_the_bearer_token() {
        client.create("/claims", Map.of("name", "x")).expect(201);
        client.create("/claims", Map.of("name", "x")).expect(201);

        assertThat(requests).allMatch(request -> request.contains("auth=Bearer token-1"));
        assertThat(requests.get(0)).contains("key=").doesNotContain("key=null");
        assertThat(requests.get(0).substring(requests.get(0).indexOf("key=")))
                .isNotEqualTo(requests.get(1).substring(requests.get(1).indexOf("key=")));
    }

    @Test
    void a_patch_sends_the_etag_the_client_last_saw_without_reading_again() {
        client.get("/claims/1").expect(200);
        client.patch("/claims/1", Map.of("name", "y")).expect(200);
        client.patch("/claims/1", Map.of("name", "z")).expect(200);

        assertThat(requests).containsExactly(
                "GET /claims/1 auth=Bearer token-1 if-match=null key=null",
                "PATCH /claims/1 auth=Bearer token-1 if-match=\"1\" key=null",
                "PATCH /claims/1 auth=Bearer token-1 if-match=\"2\" key=null");
    }

    @Test
    void the_etag_of_a_create_is_remembered_for_the_location() {
        client.create("/claims", Map.of()).expect(201);
        client.patch("/claims/1", Map.of("name", "y")).expect(200);

        assertThat(requests.get(1)).startsWith("PATCH /claims/1").contains("if-match=\"1\"");
    }

    @Test
    void an_action_on_the_resource_forgets_its_etag_so_the_next_patch_reads_first() {
        client.get("/claims/1").expect(200);
        client.post("/claims/1/submit", null).expect(200);
        client.patch("/claims/1", Map.of("name", "y")).expect(200);

        assertThat(requests.subList(2, 4)).containsExactly(
                "GET /claims/1 auth=Bearer token-1 if-match=null key=null",
                "PATCH /claims/1 auth=Bearer token-1 if-match=\"2\" key=null");
    }

    @Test
    void another_caller_has_its_own_etag_memory_and_a_raw_write_sends_no_if_match() {
        client.get("/claims/1").expect(200);
        ApiClient other = client.as("token-2");

        ApiResponse unconditional = other.send("PATCH", "/claims/1", "application/merge-patch+json", "{}", Map.of());

        assertThat(other.etag("/claims/1")).isNull();
        assertThat(unconditional.status()).isEqualTo(428);
        assertThat(unconditional.contentType()).isEqualTo("application/problem+json");
        assertThat(unconditional.problem().status()).isEqualTo(428);
        assertThat(unconditional.problem().detail()).isEqualTo("If-Match");
    }

    @Test
    void a_list_is_read_as_the_page_envelope() {
        ApiResponse.Page page = client.get("/claims").expect(200).page();

        assertThat(page.items()).hasSize(1);
        assertThat(page.items().getFirst().get("id").asString()).isEqualTo("1");
        assertThat(page.totalItems()).isEqualTo(1);
        assertThat(page.totalPages()).isEqualTo(1);
        assertThat(page.size()).isEqualTo(20);
    }

    @Test
    void a_service_that_does_not_answer_is_unreachable_and_a_wrong_status_fails_with_the_body() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> ApiClient.anonymous().get("http://127.0.0.1:" + closedPort + "/claims"))
                .isInstanceOf(ApiClient.Unreachable.class);
        assertThatThrownBy(() -> client.get("/claims/1").expect(404))
                .isInstanceOf(AssertionError.class).hasMessageContaining("got 200").hasMessageContaining("\"version\"");
    }

    @Test
    void a_load_generator_counts_no_answer_as_status_minus_one_and_keeps_no_etags() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ApiClient load = ApiClient.loadGenerator(java.time.Duration.ofSeconds(2)).as("token-1");

        assertThat(load.get("http://127.0.0.1:" + closedPort + "/claims").status()).isEqualTo(-1);
        String claim = "http://127.0.0.1:" + server.getAddress().getPort() + "/claims/1";
        assertThat(load.get(claim).etag()).isEqualTo("\"1\"");
        assertThat(load.etag(claim)).isNull();
    }

    @Test
    void the_valid_claim_declares_the_domain_of_its_customer_contact_unless_told_otherwise() {
        Map<String, Object> claim = ClaimBody.valid().customerEmail("anna@fabrikam.example").toMap();
        Map<String, Object> without = ClaimBody.valid().noDeclaredDomains().toMap();

        assertThat(((Map<?, ?>) claim.get("customer")).get("declaredDomains")).isEqualTo(List.of("fabrikam.example"));
        assertThat(((Map<?, ?>) without.get("customer")).containsKey("declaredDomains")).isFalse();
        assertThat(claim.get("partnerId")).isEqualTo(ClaimFixtures.PARTNER);
    }
}
