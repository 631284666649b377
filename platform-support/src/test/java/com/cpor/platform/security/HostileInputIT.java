package com.cpor.platform.security;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevIdentityProvider;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cpor.platform.security.JwtValidationIT.assertProblemJson;
import static com.cpor.platform.security.SecurityProbeController.BURST;
import static com.cpor.platform.security.SecurityProbeController.DEBUG_SECURITY_LOGS;
import static com.cpor.platform.security.SecurityProbeController.DEBUG_WEB_LOGS;
import static com.cpor.platform.security.SecurityProbeController.EXPOSE_PROMETHEUS;
import static com.cpor.platform.security.SecurityProbeController.FORWARDED;
import static com.cpor.platform.security.SecurityProbeController.RATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform defaults against hostile input: write rate limit, body limits, control characters and invalid Unicode,
 * error messages without Java type names, headers, nothing secret in logs.
 */
@ServiceIntegrationTest(properties = {RATE, BURST, FORWARDED, DEBUG_SECURITY_LOGS, DEBUG_WEB_LOGS, EXPOSE_PROMETHEUS})
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIT {

    private static final String WRITES = "/test/security/writes";
    private static final String TYPED = "/test/security/typed";
    private static final String ITEMS = "/test/security/items";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ONE_MIB = 1024 * 1024;

    @LocalServerPort
    int port;

    @Test
    void writes_beyond_the_burst_get_429_with_retry_after_while_reads_and_other_callers_go_on() {
        String noisy = tokenOf("noisy-" + UUID.randomUUID(), List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(as(noisy).post(WRITES, "{}").status()).isEqualTo(201);
        }

        ApiResponse limited = as(noisy).post(WRITES, "{}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertProblemJson(limited);
        assertThat(limited.body()).contains("urn:cpor:problem:rate-limited");

        assertThat(as(noisy).get("/test/security/me").status()).isEqualTo(200);
        String quiet = tokenOf("quiet-" + UUID.randomUUID(), List.of());
        assertThat(as(quiet).post(WRITES, "{}").status()).isEqualTo(201);
    }

    @Test
    void users_of_the_same_partner_share_the_partners_write_budget() {
        String partnerId = "P" + UUID.randomUUID();
        String admin = tokenOf("admin-" + UUID.randomUUID(), List.of(partnerId));
        for (int i = 0; i < 3; i++) {
            assertThat(as(admin).post(WRITES, "{}").status()).isEqualTo(201);
        }
        String colleague = tokenOf("colleague-" + UUID.randomUUID(), List.of(partnerId));
        assertThat(as(colleague).post(WRITES, "{}").status()).isEqualTo(429);
    }

    @Test
    void bodies_above_one_mebibyte_are_refused_with_413_whether_declared_or_chunked() {
        String token = tokenOf("big-" + UUID.randomUUID(), List.of());
        String justUnder = "{\"a\":\"" + "x".repeat(ONE_MIB - 16) + "\"}";
        assertThat(as(token).post(WRITES, justUnder).status()).isEqualTo(201);

        String tooBig = "{\"a\":\"" + "x".repeat(ONE_MIB) + "\"}";
        ApiResponse declared = as(token).post(WRITES, tooBig);
        assertThat(declared.status()).isEqualTo(413);
        assertProblemJson(declared);

        ApiResponse chunked = raw(as(token).request(WRITES)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig.getBytes()))));
        assertThat(chunked.status()).isEqualTo(413);
        assertProblemJson(chunked);

        String small = tokenOf("small-" + UUID.randomUUID(), List.of());
        ApiResponse smallChunked = raw(as(small).request(WRITES)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{\"a\":1}".getBytes()))));
        assertThat(smallChunked.status()).isEqualTo(201);
    }

    @Test
    void responses_carry_security_headers_and_hsts_only_behind_tls() {
        String token = TestIdentity.tokenFor(DevUser.REVIEWER);
        ApiResponse plain = as(token).get("/test/security/me");
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(plain.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(plain.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                assertThat(value).contains("no-store"));
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

        ApiResponse behindTls = raw(as(token).request("/test/security/me")
                .header("X-Forwarded-Proto", "https").GET());
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(value ->
                assertThat(value).contains("max-age="));

        ApiResponse refused = as(null).get("/test/security/me");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void neither_accepted_nor_refused_tokens_appear_in_the_logs(CapturedOutput output) {
        String valid = TestIdentity.tokenFor(DevUser.PARTNER_ADMIN);
        String expired = TestIdentity.provider().mint(DevIdentityProvider.claimsOf(DevUser.PARTNER_ADMIN),
                Duration.ofMinutes(-10));
        assertThat(as(valid).get("/test/security/me").status()).isEqualTo(200);
        assertThat(as(valid).post(WRITES, "{}").status()).isEqualTo(201);
        assertThat(as(expired).get("/test/security/me").status()).isEqualTo(401);
        assertThat(as("garbage-secret-token").get("/test/security/me").status()).isEqualTo(401);

        assertThat(output.getAll()).as("debug logs of the requests were written").contains("/test/security/me");
        for (String token : List.of(valid, expired, "garbage-secret-token")) {
            assertThat(output.getAll()).doesNotContain(token);
            assertThat(output.getAll()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        assertThat(output.getAll()).doesNotContainIgnoringCase("Authorization: Bearer");
    }

    // ---- text and parameters (issue 12: NUL was a 500, Jackson messages named Java types)

    @Test
    void control_characters_and_invalid_unicode_in_json_strings_are_a_400_naming_the_field() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"name\":\"a\\u0000b\"}", "name");
        cases.put("{\"tags\":[\"ok\",\"bell\\u0007\"]}", "tags[1]");
        cases.put("{\"nested\":{\"value\":\"\\u001b[31mred\"}}", "nested.value");
        cases.put("{\"extra\":{\"note\":\"\\u0000\"}}", "extra.note");
        cases.put("{\"name\":\"\\ud800 alone\"}", "name");
        cases.put("{\"name\":\"\\udc00\"}", "name");
        cases.put("{\"name\":\"\\u009b\"}", "name");
        cases.forEach((body, field) -> {
            ApiResponse response = as(freshToken()).post(TYPED, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertProblemJson(response);
            assertThat(firstError(response).path("field").asString()).as(body).isEqualTo(field);
        });

        ApiResponse text = as(freshToken()).post(TYPED, "{\"name\":\"line one\\nline two\\ttabbed\\r\\n\\ud83d\\ude00 zażółć\"}");
        assertThat(text.status()).as(text.body()).isEqualTo(201);
    }

    @Test
    void wrong_typed_values_are_a_400_saying_what_the_field_must_be_without_java_type_names() {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("{\"level\":\"MEDIUM\"}", List.of("level", "must be one of [LOW, HIGH]"));
        cases.put("{\"level\":7}", List.of("level", "must be one of [LOW, HIGH]"));
        cases.put("{\"count\":\"many\"}", List.of("count", "must be a whole number"));
        cases.put("{\"count\":99999999999999999999}", List.of("count", "is out of range"));
        cases.put("{\"count\":1.5e400}", List.of("count", ""));
        cases.put("{\"tags\":\"x\"}", List.of("tags", "must be an array"));
        cases.put("{\"nested\":[1]}", List.of("nested", "must be an object"));
        cases.put("{\"name\":{\"a\":1}}", List.of("name", "must be a string"));
        cases.put("{\"nested\":{\"other\":1}}", List.of("nested.other", "is not a field that can be set here"));
        cases.put("[1,2]", List.of("body", "must be an object"));
        cases.forEach((body, expected) -> {
            ApiResponse response = as(freshToken()).post(TYPED, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertProblemJson(response);
            assertThat(firstError(response).path("field").asString()).as(body).isEqualTo(expected.get(0));
            assertThat(firstError(response).path("message").asString()).as(body).contains(expected.get(1));
            assertNoJavaTypeNames(response);
        });

        String token = freshToken();
        ApiResponse page = as(token).get(ITEMS + "/x?page=abc");
        assertThat(page.status()).isEqualTo(400);
        assertThat(firstError(page).path("field").asString()).isEqualTo("page");
        assertThat(firstError(page).path("message").asString()).isEqualTo("must be a whole number");
        assertNoJavaTypeNames(page);
        ApiResponse level = as(token).get(ITEMS + "/x?level=LOW&level=MEDIUM");
        assertThat(level.status()).isEqualTo(400);
        assertThat(firstError(level).path("field").asString()).isEqualTo("level");
        assertThat(firstError(level).path("message").asString()).isEqualTo("must be one of [LOW, HIGH]");
        assertNoJavaTypeNames(level);
    }

    @Test
    void control_characters_and_malformed_utf8_in_query_and_path_parameters_are_a_400_naming_them() {
        String token = freshToken();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(ITEMS + "/x?q=a%00b", "q");
        cases.put(ITEMS + "/x?page=0&q=tab%09", "q");
        cases.put(ITEMS + "/x?q=%C3%28", "q");
        cases.put(ITEMS + "/x?q=%ED%A0%80", "q");
        cases.put(ITEMS + "/a%01b", "id");
        cases.put(ITEMS + "/a%7Fb", "id");
        cases.forEach((path, field) -> {
            ApiResponse response = as(token).get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertProblemJson(response);
            assertThat(firstError(response).path("field").asString()).as(path).isEqualTo(field);
        });

        // Tomcat itself refuses an encoded NUL in the path (a problem too, see ContainerErrorsIT); what it lets
        // through and Spring Security's firewall refuses, such as a path parameter, is a 400 naming the path
        ApiResponse nulInPath = as(token).get(ITEMS + "/a%00b");
        assertThat(nulInPath.status()).isEqualTo(400);
        assertProblemJson(nulInPath);
        ApiResponse firewalled = as(token).get(ITEMS + "/a;b=c");
        assertThat(firewalled.status()).isEqualTo(400);
        assertProblemJson(firewalled);
        assertThat(firstError(firewalled).path("field").asString()).isEqualTo("path");

        ApiResponse fine = as(token).get(ITEMS + "/x?q=za%C5%BC%C3%B3%C5%82%C4%87+ja%C5%BA%C5%84");
        assertThat(fine.status()).isEqualTo(200);
        assertThat(fine.body()).contains("zażółć jaźń");
    }

    @Test
    void text_the_database_refuses_as_data_is_a_400_not_a_500() {
        ApiResponse response = raw(as(freshToken()).request("/test/security/raw")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("a\u0000b")));
        assertThat(response.status()).isEqualTo(400);
        assertProblemJson(response);
    }

    @Test
    void multipart_and_form_bodies_above_their_limits_are_refused_before_anything_reads_them() throws Exception {
        String token = freshToken();
        assertThat(statusOfHead("/test/security/upload", token, "multipart/form-data; boundary=b",
                "Content-Length: 50000000")).isEqualTo(413);
        assertThat(statusOfHead("/test/security/form", token, "application/x-www-form-urlencoded",
                "Content-Length: 100000")).isEqualTo(413);
        assertThat(statusOfHead("/test/security/form", token, "application/x-www-form-urlencoded",
                "Transfer-Encoding: chunked")).isEqualTo(411);

        ApiResponse smallForm = raw(as(freshToken()).request("/test/security/form")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("field=abc")));
        assertThat(smallForm.status()).isEqualTo(201);
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--b--\r\n";
        ApiResponse smallUpload = raw(as(freshToken()).request("/test/security/upload")
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertThat(smallUpload.status()).isEqualTo(201);

        for (String[] broken : new String[][]{{"multipart/form-data", multipart},
                {"multipart/form-data; boundary=b", multipart.substring(0, multipart.indexOf("--b--"))},
                {"multipart/form-data; boundary=b", multipart.replace("a.txt", "a\u0000.txt")}}) {
            ApiResponse unreadable = raw(as(freshToken()).request("/test/security/upload").header("Content-Type", broken[0]).POST(HttpRequest.BodyPublishers.ofString(broken[1])));
            assertThat(unreadable.status()).as(broken[0]).isEqualTo(400);
            assertProblemJson(unreadable);
        }
    }

    /** Sends only a request's head (no body) and reads the status: the body must be refused unread. */
    private int statusOfHead(String path, String token, String contentType, String lengthHeader) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: " + contentType + "\r\n" + lengthHeader + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static JsonNode firstError(ApiResponse response) {
        return JSON.readTree(response.body()).path("errors").path(0);
    }

    private static void assertNoJavaTypeNames(ApiResponse response) {
        assertThat(response.body()).doesNotContain("com.cpor", "java.", "tools.jackson", "`", "Cannot deserialize");
    }

    private static String freshToken() {
        return tokenOf("hostile-" + UUID.randomUUID(), List.of());
    }

    private static String tokenOf(String subject, List<String> partnerIds) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        claims.put("roles", List.of("INCENTIVES_ADMIN"));
        if (!partnerIds.isEmpty()) {
            claims.put("partner_ids", partnerIds);
        }
        return TestIdentity.provider().mint(claims, Duration.ofMinutes(10));
    }

    /** The platform's API client as the holder of {@code token} (null: none), asking for nothing in particular. */
    private ApiClient as(String token) {
        return ApiClient.withToken(token).baseUrl("http://127.0.0.1:" + port).accept(null);
    }

    private ApiResponse raw(HttpRequest.Builder request) {
        return as(null).send(request);
    }
}
