package com.cpor.platform.web.idempotency;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevIdentityProvider;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.cpor.platform.security.SecurityProbeController.BURST;
import static com.cpor.platform.security.SecurityProbeController.DEBUG_SECURITY_LOGS;
import static com.cpor.platform.security.SecurityProbeController.DEBUG_WEB_LOGS;
import static com.cpor.platform.security.SecurityProbeController.EXPOSE_PROMETHEUS;
import static com.cpor.platform.security.SecurityProbeController.FORWARDED;
import static com.cpor.platform.security.SecurityProbeController.RATE;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on POST: a retry gets the first answer and runs nothing; misuse is a clear problem. */
@ServiceIntegrationTest(properties = {RATE, BURST, FORWARDED, DEBUG_SECURITY_LOGS, DEBUG_WEB_LOGS, EXPOSE_PROMETHEUS})
class IdempotencyIT {

    private static final String THINGS = "/test/idempotency/things";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    java.util.List<com.cpor.platform.retention.RetentionTask> retentionTasks;

    @Test
    void a_retry_with_the_same_key_and_body_gets_the_first_answer_and_runs_once() {
        String token = tokenOfNewCaller();
        String key = UUID.randomUUID().toString();

        ApiResponse first = post(token, key, "{\"name\":\"first\"}");
        ApiResponse retry = post(token, key, "{\"name\":\"first\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(retry.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(executionsOf(first)).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_body_is_a_422_problem_naming_the_header_and_runs_nothing() {
        String token = tokenOfNewCaller();
        String key = UUID.randomUUID().toString();
        ApiResponse first = post(token, key, "{\"name\":\"one\"}");

        ApiResponse other = post(token, key, "{\"name\":\"another\"}");

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(other.body()).contains("urn:cpor:problem:idempotency-key-reused", "Idempotency-Key");
        assertThat(jdbc.sql("SELECT count(*) FROM test_effect WHERE what = 'another'").query(Long.class).single())
                .isZero();
        assertThat(executionsOf(first)).isEqualTo(1);
    }

    @Test
    void a_retry_while_the_first_request_runs_gets_409_and_does_not_run_it_again() throws Exception {
        String token = tokenOfNewCaller();
        String key = UUID.randomUUID().toString();
        IdempotencyProbeController.entered = new CountDownLatch(1);
        IdempotencyProbeController.release = new CountDownLatch(1);
        CompletableFuture<ApiResponse> first = CompletableFuture.supplyAsync(
                () -> post(token, key, "{\"name\":\"held\"}"));
        assertThat(IdempotencyProbeController.entered.await(30, TimeUnit.SECONDS)).isTrue();

        ApiResponse concurrent = post(token, key, "{\"name\":\"held\"}");
        IdempotencyProbeController.release.countDown();
        ApiResponse answered = first.get(30, TimeUnit.SECONDS);
        ApiResponse after = post(token, key, "{\"name\":\"held\"}");

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(concurrent.headers().firstValue("Retry-After")).isPresent();
        assertThat(concurrent.body()).contains("urn:cpor:problem:idempotency-key-in-progress");
        assertThat(answered.status()).isEqualTo(201);
        assertThat(after.body()).isEqualTo(answered.body());
        assertThat(executionsOf(answered)).isEqualTo(1);
    }

    @Test
    void a_retried_upload_with_another_multipart_boundary_is_the_same_request_and_other_content_is_not() {
        String token = tokenOfNewCaller();
        String key = UUID.randomUUID().toString();

        ApiResponse first = upload(token, key, "boundary-one", "%PDF-1.7 first");
        ApiResponse retry = upload(token, key, "boundary-two", "%PDF-1.7 first");
        ApiResponse other = upload(token, key, "boundary-one", "%PDF-1.7 other");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void keys_are_per_caller_so_another_caller_with_the_same_key_runs_its_own_request() {
        String key = UUID.randomUUID().toString();
        ApiResponse mine = post(tokenOfNewCaller(), key, "{\"name\":\"mine\"}");
        ApiResponse theirs = post(tokenOfNewCaller(), key, "{\"name\":\"mine\"}");

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.body()).isNotEqualTo(mine.body());
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void a_request_that_failed_keeps_no_key_so_its_corrected_retry_runs() {
        String token = tokenOfNewCaller();
        String key = UUID.randomUUID().toString();

        assertThat(post(token, key, "{\"name\":\"\"}").status()).isEqualTo(400);
        ApiResponse corrected = post(token, key, "{\"name\":\"corrected\"}");

        assertThat(corrected.status()).isEqualTo(201);
        assertThat(executionsOf(corrected)).isEqualTo(1);
    }

    @Test
    void a_key_that_is_not_visible_ascii_or_too_long_is_a_400_problem_naming_the_header() {
        String token = tokenOfNewCaller();
        for (String key : new String[] {"with space", "x".repeat(256)}) {
            ApiResponse refused = post(token, key, "{\"name\":\"refused\"}");
            assertThat(refused.status()).as(key).isEqualTo(400);
            assertThat(refused.body()).as(key).contains("Idempotency-Key");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM test_effect WHERE what = 'refused'").query(Long.class).single())
                .isZero();
    }

    @Test
    void an_expired_key_is_forgotten_and_purged_by_the_retention_cleaner() {
        assertThat(retentionTasks).extracting(com.cpor.platform.retention.RetentionTask::name)
                .contains("idempotency-keys");
        String caller = "expiry-" + UUID.randomUUID();
        IdempotencyStore forever = new IdempotencyStore(jdbc, Duration.ofDays(1));
        IdempotencyStore expired = new IdempotencyStore(jdbc, Duration.ZERO);
        assertThat(forever.claim(caller, "k", "a".repeat(64))).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        forever.complete(caller, "k", new StoredResponse(201, null, null, null, new byte[0]));

        assertThat(forever.claim(caller, "k", "b".repeat(64)))
                .isInstanceOf(IdempotencyStore.Claim.OtherRequest.class);
        assertThat(expired.claim(caller, "k", "b".repeat(64))).isInstanceOf(IdempotencyStore.Claim.Claimed.class);

        com.cpor.platform.retention.SqlRetentionTask.idempotencyKeys(jdbc, Duration.ZERO).purge(10_000);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key WHERE caller = ?").param(caller)
                .query(Long.class).single()).isZero();
    }

    private long executionsOf(ApiResponse created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        return jdbc.sql("SELECT count(*) FROM test_effect WHERE claim_id = ?").param(id).query(Long.class).single();
    }

    /** Each test its own subject: the write rate limit and the key scope are per caller. */
    private static String tokenOfNewCaller() {
        Map<String, Object> claims = DevIdentityProvider.claimsOf(DevUser.STAFF);
        claims.put("sub", "idempotency-" + UUID.randomUUID());
        return TestIdentity.provider().mint(claims, Duration.ofMinutes(10));
    }

    private ApiResponse upload(String token, String key, String boundary, String content) {
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"poe.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        ApiClient caller = as(token);
        return caller.send(caller.request("/test/security/upload").header("Idempotency-Key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private ApiResponse post(String token, String key, String json) {
        return as(token).create(THINGS, json, key);
    }

    private ApiClient as(String token) {
        return ApiClient.withToken(token).baseUrl("http://127.0.0.1:" + port).accept(null);
    }
}
