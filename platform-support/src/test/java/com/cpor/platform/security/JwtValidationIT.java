package com.cpor.platform.security;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevIdentityProvider;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestIdentity;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.cpor.platform.security.SecurityProbeController.BURST;
import static com.cpor.platform.security.SecurityProbeController.DEBUG_SECURITY_LOGS;
import static com.cpor.platform.security.SecurityProbeController.DEBUG_WEB_LOGS;
import static com.cpor.platform.security.SecurityProbeController.EXPOSE_PROMETHEUS;
import static com.cpor.platform.security.SecurityProbeController.FORWARDED;
import static com.cpor.platform.security.SecurityProbeController.RATE;
import static org.assertj.core.api.Assertions.assertThat;

/** Only tokens of the configured issuer, for this audience, signed by its key, unexpired and with a subject pass. */
@ServiceIntegrationTest(properties = {RATE, BURST, FORWARDED, DEBUG_SECURITY_LOGS, DEBUG_WEB_LOGS, EXPOSE_PROMETHEUS})
class JwtValidationIT {

    private static final String ME = "/test/security/me";
    private static final String PARTNER_ONLY = "/test/security/partner";

    @LocalServerPort
    int port;

    private final DevIdentityProvider issuer = TestIdentity.provider();

    @Test
    void accepts_a_valid_token_of_the_issuer() {
        ApiResponse response = as(TestIdentity.tokenFor(DevUser.PARTNER_ADMIN)).get(ME);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("partner-admin");
    }

    @Test
    void accepts_a_token_expired_within_the_clock_skew() {
        String token = issuer.sign(claims().expirationTime(Date.from(Instant.now().minusSeconds(20))).build());
        assertThat(as(token).get(ME).status()).isEqualTo(200);
    }

    @Test
    void refuses_a_token_expired_beyond_the_clock_skew() {
        String token = issuer.sign(claims().expirationTime(Date.from(Instant.now().minusSeconds(90))).build());
        assertUnauthenticated(as(token).get(ME));
    }

    @Test
    void refuses_a_token_of_another_issuer() {
        String token = issuer.sign(claims().issuer("https://login.evil.example").build());
        assertUnauthenticated(as(token).get(ME));
    }

    @Test
    void refuses_a_token_for_another_audience() {
        String token = issuer.sign(claims().audience("some-other-api").build());
        assertUnauthenticated(as(token).get(ME));
    }

    @Test
    void refuses_a_token_signed_by_another_key_even_with_the_issuers_key_id() throws Exception {
        String genuine = TestIdentity.tokenFor(DevUser.PARTNER_ADMIN);
        String keyId = SignedJWT.parse(genuine).getHeader().getKeyID();
        RSAKey forgerKey = new RSAKeyGenerator(2048).keyID(keyId).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                claims().build());
        forged.sign(new RSASSASigner(forgerKey));
        assertUnauthenticated(as(forged.serialize()).get(ME));

        try (DevIdentityProvider otherIssuer = DevIdentityProvider.start()) {
            assertUnauthenticated(as(otherIssuer.sign(claims().build())).get(ME));
        }
    }

    @Test
    void refuses_an_unsigned_token() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8));
        assertUnauthenticated(as(header + "." + payload + ".").get(ME));
    }

    @Test
    void refuses_a_token_without_subject() {
        Map<String, Object> withoutSubject = DevIdentityProvider.claimsOf(DevUser.PARTNER_ADMIN);
        withoutSubject.remove("sub");
        assertUnauthenticated(as(issuer.mint(withoutSubject, Duration.ofMinutes(5))).get(ME));
    }

    @Test
    void refuses_unparseable_and_missing_tokens() {
        assertUnauthenticated(as("not-a-jwt").get(ME));
        assertUnauthenticated(as("eyJhbGciOiJSUzI1NiJ9.e30.AAAA").get(ME));
        assertUnauthenticated(as(null).get(ME));
    }

    @Test
    void a_token_without_roles_is_authenticated_but_forbidden_on_role_protected_endpoints() {
        Map<String, Object> withoutRoles = DevIdentityProvider.claimsOf(DevUser.PARTNER_ADMIN);
        withoutRoles.remove("roles");
        String token = issuer.mint(withoutRoles, Duration.ofMinutes(5));

        assertThat(as(token).get(ME).status()).isEqualTo(200);
        ApiResponse forbidden = as(token).get(PARTNER_ONLY);
        assertThat(forbidden.status()).isEqualTo(403);
        assertProblemJson(forbidden);
    }

    @Test
    void health_is_open_and_metrics_are_for_staff_only() {
        assertThat(as(null).get("/actuator/health").status()).isEqualTo(200);

        assertUnauthenticated(as(null).get("/actuator/prometheus"));
        ApiResponse partner = as(TestIdentity.tokenFor(DevUser.PARTNER_ADMIN)).get("/actuator/prometheus");
        assertThat(partner.status()).isEqualTo(403);
        assertProblemJson(partner);
        assertThat(as(TestIdentity.tokenFor(DevUser.STAFF)).get("/actuator/prometheus").status())
                .isEqualTo(200);
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .audience(DevIdentityProvider.AUDIENCE)
                .subject("jwt-test-" + UUID.randomUUID())
                .claim("roles", List.of("INCENTIVES_ADMIN"))
                .claim("partner_ids", List.of("1234567"))
                .issueTime(Date.from(now.minusSeconds(3600)))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static void assertUnauthenticated(ApiResponse response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Bearer"));
        assertProblemJson(response);
    }

    static void assertProblemJson(ApiResponse response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(value ->
                assertThat(value).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + response.status());
    }

    /** The platform's API client as the holder of {@code token} (null: none), asking for nothing in particular. */
    private ApiClient as(String token) {
        return ApiClient.withToken(token).baseUrl("http://127.0.0.1:" + port).accept(null);
    }
}
