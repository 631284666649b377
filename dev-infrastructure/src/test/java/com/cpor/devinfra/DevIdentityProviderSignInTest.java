package com.cpor.devinfra;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The development identity provider as an OpenID Connect provider: discovery, login page, code + PKCE, logout. */
class DevIdentityProviderSignInTest {

    private static final DevIdentityProvider PROVIDER = DevIdentityProvider.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REDIRECT = "http://localhost:8080/login/oauth2/code/cpor";
    private static final String VERIFIER = "a-verifier-of-at-least-43-characters-0123456789abcdef";

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @Test
    void discovery_names_the_endpoints_a_client_needs() throws Exception {
        JsonNode discovery = JSON.readTree(get("/.well-known/openid-configuration").body());
        assertThat(discovery.get("issuer").asString()).isEqualTo(PROVIDER.issuer());
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(PROVIDER.issuer() + "/authorize");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(PROVIDER.issuer() + "/token");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(PROVIDER.jwksUri());
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(PROVIDER.issuer() + "/logout");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void login_page_lists_the_sample_users_and_a_chosen_user_gets_tokens_with_the_usual_claims() throws Exception {
        HttpResponse<String> page = get("/authorize?" + authorizeQuery(OidcSignIn.s256(VERIFIER)));
        assertThat(page.statusCode()).isEqualTo(200);
        for (DevUser user : DevUser.values()) {
            assertThat(page.body()).contains("value=\"" + user.subject() + "\"");
        }

        String code = chooseUser("partner-admin", OidcSignIn.s256(VERIFIER));
        HttpResponse<String> tokens = exchange(code, VERIFIER, DevIdentityProvider.CONSOLE_CLIENT_SECRET);
        assertThat(tokens.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.body());
        Map<String, Object> access = SignedJWT.parse(body.get("access_token").asString()).getJWTClaimsSet().getClaims();
        assertThat(access).containsEntry("sub", "partner-admin").containsEntry("name", "Piotr Nowak")
                .containsKeys("email", "roles", "partner_ids");
        assertThat(access.get("aud").toString()).contains(DevIdentityProvider.AUDIENCE);
        Map<String, Object> id = SignedJWT.parse(body.get("id_token").asString()).getJWTClaimsSet().getClaims();
        assertThat(id).containsEntry("sub", "partner-admin").containsEntry("nonce", "n-1");
        assertThat(id.get("aud").toString()).contains(DevIdentityProvider.CONSOLE_CLIENT_ID);
    }

    @Test
    void a_code_is_refused_with_the_wrong_verifier_and_cannot_be_used_twice() throws Exception {
        String code = chooseUser("reviewer", OidcSignIn.s256(VERIFIER));
        assertThat(exchange(code, VERIFIER + "x", DevIdentityProvider.CONSOLE_CLIENT_SECRET).body()).contains("invalid_grant");
        assertThat(exchange(code, VERIFIER, DevIdentityProvider.CONSOLE_CLIENT_SECRET).body()).contains("invalid_grant");

        String another = chooseUser("reviewer", OidcSignIn.s256(VERIFIER));
        HttpResponse<String> wrongSecret = exchange(another, VERIFIER, "guess");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void authorization_without_pkce_or_to_a_foreign_redirect_is_refused_without_redirecting() throws Exception {
        String withoutPkce = authorizeQuery(OidcSignIn.s256(VERIFIER)).replace("&code_challenge_method=S256", "");
        assertThat(get("/authorize?" + withoutPkce).statusCode()).isEqualTo(400);
        String foreign = authorizeQuery(OidcSignIn.s256(VERIFIER))
                .replace(URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8), "https%3A%2F%2Fevil.example%2Fcb");
        HttpResponse<String> refused = get("/authorize?" + foreign);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void logout_returns_to_the_client_and_the_script_token_still_works() throws Exception {
        HttpResponse<String> logout = get("/logout?post_logout_redirect_uri="
                + URLEncoder.encode("http://localhost:8080/", StandardCharsets.UTF_8));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).contains("http://localhost:8080/");
        assertThat(get("/token?user=staff").body()).contains("access_token");
    }

    private String chooseUser(String user, String challenge) throws Exception {
        HttpResponse<String> redirect = HTTP.send(HttpRequest.newBuilder(URI.create(PROVIDER.issuer() + "/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(authorizeQuery(challenge) + "&user=" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=s-1");
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private HttpResponse<String> exchange(String code, String verifier, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((DevIdentityProvider.CONSOLE_CLIENT_ID + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(PROVIDER.issuer() + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String authorizeQuery(String challenge) {
        return "response_type=code&client_id=" + DevIdentityProvider.CONSOLE_CLIENT_ID + "&scope=openid&state=s-1"
                + "&nonce=n-1&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(PROVIDER.issuer() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
