package com.cpor.platform.security;

import com.cpor.platform.testsupport.DevIdentityProvider;
import com.cpor.platform.testsupport.DevUser;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
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

/** Platform defaults against hostile input: write rate limit, body limit, headers, nothing secret in logs. */
@ServiceIntegrationTest(properties = {RATE, BURST, FORWARDED, DEBUG_SECURITY_LOGS, DEBUG_WEB_LOGS, EXPOSE_PROMETHEUS})
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIT {

    private static final String WRITES = "/test/security/writes";
    private static final int ONE_MIB = 1024 * 1024;

    @LocalServerPort
    int port;

    @Test
    void writes_beyond_the_burst_get_429_with_retry_after_while_reads_and_other_callers_go_on() {
        String noisy = tokenOf("noisy-" + UUID.randomUUID(), List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(SecurityHttp.postJson(port, WRITES, noisy, "{}").statusCode()).isEqualTo(201);
        }

        HttpResponse<String> limited = SecurityHttp.postJson(port, WRITES, noisy, "{}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertProblemJson(limited);
        assertThat(limited.body()).contains("urn:cpor:problem:rate-limited");

        assertThat(SecurityHttp.get(port, "/test/security/me", noisy).statusCode()).isEqualTo(200);
        String quiet = tokenOf("quiet-" + UUID.randomUUID(), List.of());
        assertThat(SecurityHttp.postJson(port, WRITES, quiet, "{}").statusCode()).isEqualTo(201);
    }

    @Test
    void users_of_the_same_partner_share_the_partners_write_budget() {
        String partnerId = "P" + UUID.randomUUID();
        String admin = tokenOf("admin-" + UUID.randomUUID(), List.of(partnerId));
        for (int i = 0; i < 3; i++) {
            assertThat(SecurityHttp.postJson(port, WRITES, admin, "{}").statusCode()).isEqualTo(201);
        }
        String colleague = tokenOf("colleague-" + UUID.randomUUID(), List.of(partnerId));
        assertThat(SecurityHttp.postJson(port, WRITES, colleague, "{}").statusCode()).isEqualTo(429);
    }

    @Test
    void bodies_above_one_mebibyte_are_refused_with_413_whether_declared_or_chunked() {
        String token = tokenOf("big-" + UUID.randomUUID(), List.of());
        String justUnder = "{\"a\":\"" + "x".repeat(ONE_MIB - 16) + "\"}";
        assertThat(SecurityHttp.postJson(port, WRITES, token, justUnder).statusCode()).isEqualTo(201);

        String tooBig = "{\"a\":\"" + "x".repeat(ONE_MIB) + "\"}";
        HttpResponse<String> declared = SecurityHttp.postJson(port, WRITES, token, tooBig);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertProblemJson(declared);

        HttpResponse<String> chunked = SecurityHttp.send(SecurityHttp.request(port, WRITES, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig.getBytes()))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertProblemJson(chunked);

        String small = tokenOf("small-" + UUID.randomUUID(), List.of());
        HttpResponse<String> smallChunked = SecurityHttp.send(SecurityHttp.request(port, WRITES, small)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{\"a\":1}".getBytes()))));
        assertThat(smallChunked.statusCode()).isEqualTo(201);
    }

    @Test
    void responses_carry_security_headers_and_hsts_only_behind_tls() {
        String token = TestIdentity.tokenFor(DevUser.REVIEWER);
        HttpResponse<String> plain = SecurityHttp.get(port, "/test/security/me", token);
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(plain.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(plain.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                assertThat(value).contains("no-store"));
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<String> behindTls = SecurityHttp.send(SecurityHttp.request(port, "/test/security/me", token)
                .header("X-Forwarded-Proto", "https").GET());
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(value ->
                assertThat(value).contains("max-age="));

        HttpResponse<String> refused = SecurityHttp.get(port, "/test/security/me", null);
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void neither_accepted_nor_refused_tokens_appear_in_the_logs(CapturedOutput output) {
        String valid = TestIdentity.tokenFor(DevUser.PARTNER_ADMIN);
        String expired = TestIdentity.provider().mint(DevIdentityProvider.claimsOf(DevUser.PARTNER_ADMIN),
                Duration.ofMinutes(-10));
        assertThat(SecurityHttp.get(port, "/test/security/me", valid).statusCode()).isEqualTo(200);
        assertThat(SecurityHttp.postJson(port, WRITES, valid, "{}").statusCode()).isEqualTo(201);
        assertThat(SecurityHttp.get(port, "/test/security/me", expired).statusCode()).isEqualTo(401);
        assertThat(SecurityHttp.get(port, "/test/security/me", "garbage-secret-token").statusCode()).isEqualTo(401);

        assertThat(output.getAll()).as("debug logs of the requests were written").contains("/test/security/me");
        for (String token : List.of(valid, expired, "garbage-secret-token")) {
            assertThat(output.getAll()).doesNotContain(token);
            assertThat(output.getAll()).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
        assertThat(output.getAll()).doesNotContainIgnoringCase("Authorization: Bearer");
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
}
