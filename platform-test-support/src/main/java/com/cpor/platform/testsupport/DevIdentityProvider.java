package com.cpor.platform.testsupport;

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
import java.net.URLDecoder;
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
 * A development OAuth2 issuer: serves its JWKS and OpenID discovery document and mints RS256 access tokens
 * for the {@link DevUser}s (or any claims a test wants). Never for production: it signs whatever it is asked.
 * <ul>
 *   <li>{@code GET /.well-known/jwks.json}, {@code GET /.well-known/openid-configuration}</li>
 *   <li>{@code GET /token?user=partner-admin} returns {@code {"access_token": ..., "token_type": "Bearer", ...}}</li>
 * </ul>
 */
public final class DevIdentityProvider implements AutoCloseable {

    public static final String AUDIENCE = "cpor-api";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    private final RSAKey signingKey;
    private final HttpServer server;
    private final String issuer;

    private DevIdentityProvider(RSAKey signingKey, int port) {
        this.signingKey = signingKey;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the identity provider port " + port, e);
        }
        this.issuer = "http://localhost:" + server.getAddress().getPort();
        server.createContext("/.well-known/jwks.json", exchange -> respond(exchange, 200,
                new JWKSet(signingKey.toPublicJWK()).toString()));
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, 200,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri() + "\"}"));
        server.createContext("/token", this::serveToken);
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

    private void serveToken(HttpExchange exchange) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
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

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
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
