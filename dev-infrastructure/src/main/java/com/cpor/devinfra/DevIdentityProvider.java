package com.cpor.devinfra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A development OpenID Connect provider: serves its JWKS and discovery document, signs users in with the
 * authorization code flow (a login page listing the {@link DevUser}s, PKCE S256 required, one confidential
 * client: the console) and mints RS256 access and ID tokens for them (or any claims a test wants). Never for
 * production: it signs whatever it is asked and has no passwords (ADR 002).
 * <ul>
 *   <li>{@code GET /.well-known/jwks.json}, {@code GET /.well-known/openid-configuration}</li>
 *   <li>{@code GET /authorize?response_type=code&client_id=...&code_challenge=...}: the login page;
 *       choosing a user redirects to the client with a one-time code</li>
 *   <li>{@code POST /token} ({@code grant_type=authorization_code}, client secret, {@code code_verifier}):
 *       access token, ID token</li>
 *   <li>{@code GET /logout?post_logout_redirect_uri=...}: end-session (the provider keeps no session of its own)</li>
 *   <li>{@code GET /token?user=partner-admin} returns {@code {"access_token": ..., "token_type": "Bearer", ...}}:
 *       the non-interactive token for scripts and tests</li>
 * </ul>
 */
public final class DevIdentityProvider implements AutoCloseable {

    public static final String AUDIENCE = "cpor-api";
    /** The console's confidential client (the only client of the login page); a development secret. */
    public static final String CONSOLE_CLIENT_ID = OidcSignIn.CLIENT_ID;
    public static final String CONSOLE_CLIENT_SECRET = OidcSignIn.CLIENT_SECRET;
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    private final RSAKey signingKey;
    private final HttpServer server;
    private final String issuer;
    private final OidcSignIn signIn;

    private DevIdentityProvider(RSAKey signingKey, int port) {
        this.signingKey = signingKey;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the identity provider port " + port, e);
        }
        this.issuer = "http://localhost:" + server.getAddress().getPort();
        this.signIn = new OidcSignIn(this);
        server.createContext("/.well-known/jwks.json", exchange -> respond(exchange, 200,
                new JWKSet(signingKey.toPublicJWK()).toString()));
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, 200, discovery()));
        server.createContext("/token", this::serveToken);
        server.createContext("/authorize", exchange -> signIn.serveAuthorize(exchange));
        server.createContext("/logout", exchange -> signIn.serveLogout(exchange));
        server.start();
    }

    /** An issuer on a free port with a fresh key: for tests. */
    public static DevIdentityProvider start() {
        return new DevIdentityProvider(generateKey(), 0);
    }

    /** An issuer on a fixed port whose key is kept in {@code keyFile}, so tokens outlive restarts. */
    public static DevIdentityProvider start(int port, Path keyFile) {
        try {
            RSAKey key;
            if (Files.exists(keyFile)) {
                key = RSAKey.parse(Files.readString(keyFile));
            } else {
                key = generateKey();
                Files.createDirectories(keyFile.getParent());
                Files.writeString(keyFile, key.toJSONString());
            }
            return new DevIdentityProvider(key, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("Unreadable key file " + keyFile, e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUri() {
        return issuer + "/.well-known/jwks.json";
    }

    /** Resource-server settings a service needs to accept this issuer's tokens. */
    public Map<String, String> resourceServerProperties() {
        return Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer,
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwksUri(),
                "spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
    }

    /**
     * OAuth2 client settings the console needs to sign users in here (registration id {@code cpor}), and this
     * provider's reviewers, whom the console offers review leads for a reassignment.
     */
    public Map<String, String> consoleClientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.security.oauth2.client.registration.cpor.client-id", CONSOLE_CLIENT_ID);
        properties.put("spring.security.oauth2.client.registration.cpor.client-secret", CONSOLE_CLIENT_SECRET);
        properties.put("spring.security.oauth2.client.provider.cpor.issuer-uri", issuer);
        // the reviewers a review lead can hand a review to: this provider's users with a reviewer role
        int index = 0;
        for (DevUser user : DevUser.values()) {
            if (user.roles().contains("REVIEWER") || user.roles().contains("REVIEW_LEAD")) {
                String prefix = "cpor.console.reviewers[" + index++ + "].";
                properties.put(prefix + "id", user.subject());
                properties.put(prefix + "name", user.displayName());
                properties.put(prefix + "email", user.email());
            }
        }
        return properties;
    }

    public String tokenFor(DevUser user) {
        return mint(claimsOf(user), TOKEN_LIFETIME);
    }

    /** The standard claims of a user; tests may change them before minting (missing claims, other partners). */
    public static Map<String, Object> claimsOf(DevUser user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.subject());
        claims.put("name", user.displayName());
        claims.put("email", user.email());
        claims.put("roles", user.roles());
        if (!user.partnerIds().isEmpty()) {
            claims.put("partner_ids", user.partnerIds());
        }
        return claims;
    }

    /** Signs the given claims with this issuer's key, adding iss, aud, iat, exp and jti. */
    public String mint(Map<String, Object> claims, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        return sign(builder.build());
    }

    /** Signs exactly the given claim set: for tests of expired, foreign or incomplete tokens. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private String discovery() {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri() + "\","
                + "\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\","
                + "\"end_session_endpoint\":\"" + issuer + "/logout\","
                + "\"response_types_supported\":[\"code\"],"
                + "\"grant_types_supported\":[\"authorization_code\"],"
                + "\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\"],"
                + "\"scopes_supported\":[\"openid\",\"profile\",\"email\"],"
                + "\"claims_supported\":[\"sub\",\"name\",\"email\",\"roles\",\"partner_ids\"]}";
    }

    /** The access token of a user signed in through the login page: the same claims as {@link #tokenFor}. */
    String accessTokenFor(DevUser user) {
        return tokenFor(user);
    }

    /** The ID token for a client: the user's claims, the client as audience, the nonce of the request. */
    String idTokenFor(DevUser user, String clientId, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("auth_time", now.getEpochSecond());
        if (nonce != null && !nonce.isBlank()) {
            builder.claim("nonce", nonce);
        }
        claimsOf(user).forEach(builder::claim);
        return sign(builder.build());
    }

    static Duration tokenLifetime() {
        return TOKEN_LIFETIME;
    }

    private void serveToken(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            signIn.serveCodeExchange(exchange);
            return;
        }
        Map<String, String> query = OidcSignIn.parameters(exchange.getRequestURI().getRawQuery());
        try {
            DevUser user = DevUser.bySubject(query.getOrDefault("user", ""));
            respond(exchange, 200, "{\"access_token\":\"" + tokenFor(user) + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":" + TOKEN_LIFETIME.toSeconds() + "}");
        } catch (IllegalArgumentException e) {
            StringBuilder users = new StringBuilder();
            for (DevUser user : DevUser.values()) {
                users.append(users.isEmpty() ? "" : ",").append('"').append(user.subject()).append('"');
            }
            respond(exchange, 400, "{\"error\":\"unknown user\",\"users\":[" + users + "]}");
        }
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("cpor-dev-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
