package com.cpor.devinfra;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interactive half of the {@link DevIdentityProvider}: the authorization code flow with PKCE (S256, required)
 * for its one confidential client, the console. The login page lists the sample users instead of asking for a
 * password; choosing one redirects back to the client with a one-time code valid for a minute.
 */
final class OidcSignIn {

    static final String CLIENT_ID = "cpor-console";
    static final String CLIENT_SECRET = "cpor-console-dev-secret";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record PendingCode(DevUser user, String clientId, String redirectUri, String codeChallenge, String nonce,
                               String scope, Instant expiresAt) {
    }

    private final DevIdentityProvider provider;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();

    OidcSignIn(DevIdentityProvider provider) {
        this.provider = provider;
    }

    /** GET: the login page; POST (a user chosen on it): back to the client with a code. */
    void serveAuthorize(HttpExchange exchange) throws IOException {
        boolean chosen = "POST".equals(exchange.getRequestMethod());
        Map<String, String> request = chosen ? parameters(body(exchange)) : parameters(exchange.getRequestURI().getRawQuery());
        String problem = invalidAuthorizationRequest(request);
        if (problem != null) {
            // never redirect to an unchecked redirect_uri: show the problem instead
            page(exchange, 400, "<h1>Sign-in refused</h1><p>" + escape(problem) + "</p>");
            return;
        }
        if (!chosen) {
            page(exchange, 200, loginPage(request));
            return;
        }
        DevUser user;
        try {
            user = DevUser.bySubject(request.getOrDefault("user", ""));
        } catch (IllegalArgumentException e) {
            page(exchange, 400, "<h1>Sign-in refused</h1><p>Unknown user.</p>");
            return;
        }
        String code = randomToken();
        codes.put(code, new PendingCode(user, request.get("client_id"), request.get("redirect_uri"),
                request.get("code_challenge"), request.get("nonce"), request.getOrDefault("scope", "openid"),
                Instant.now().plus(CODE_LIFETIME)));
        String redirect = request.get("redirect_uri") + (request.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + encode(code) + (request.containsKey("state") ? "&state=" + encode(request.get("state")) : "");
        exchange.getResponseHeaders().set("Location", redirect);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** POST /token with grant_type=authorization_code: the client, the code and the PKCE verifier must match. */
    void serveCodeExchange(HttpExchange exchange) throws IOException {
        Map<String, String> form = parameters(body(exchange));
        String[] client = clientCredentials(exchange, form);
        if (!"authorization_code".equals(form.get("grant_type"))) {
            tokenError(exchange, 400, "unsupported_grant_type", "only authorization_code is supported here; "
                    + "scripts use GET /token?user=...");
            return;
        }
        if (client == null || !CLIENT_ID.equals(client[0]) || !CLIENT_SECRET.equals(client[1])) {
            tokenError(exchange, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        PendingCode pending = codes.remove(form.getOrDefault("code", ""));
        if (pending == null || pending.expiresAt().isBefore(Instant.now())
                || !pending.clientId().equals(client[0])
                || !pending.redirectUri().equals(form.get("redirect_uri"))) {
            tokenError(exchange, 400, "invalid_grant", "unknown, used or expired code, or another redirect_uri");
            return;
        }
        if (!s256(form.getOrDefault("code_verifier", "")).equals(pending.codeChallenge())) {
            tokenError(exchange, 400, "invalid_grant", "code_verifier does not match the code_challenge");
            return;
        }
        DevIdentityProvider.respond(exchange, 200, "{\"access_token\":\"" + provider.accessTokenFor(pending.user())
                + "\",\"id_token\":\"" + provider.idTokenFor(pending.user(), pending.clientId(), pending.nonce())
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + DevIdentityProvider.tokenLifetime().toSeconds()
                + ",\"scope\":\"" + jsonEscape(pending.scope()) + "\"}");
    }

    /** End-session: the provider keeps no session, so signing out is only the redirect back to the client. */
    void serveLogout(HttpExchange exchange) throws IOException {
        Map<String, String> request = parameters(exchange.getRequestURI().getRawQuery());
        String back = request.get("post_logout_redirect_uri");
        if (back != null && isLocalHttp(back)) {
            exchange.getResponseHeaders().set("Location", back);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        page(exchange, 200, "<h1>Signed out</h1><p>You are signed out.</p>");
    }

    private static String invalidAuthorizationRequest(Map<String, String> request) {
        if (!CLIENT_ID.equals(request.get("client_id"))) {
            return "Unknown client_id.";
        }
        if (!"code".equals(request.get("response_type"))) {
            return "response_type must be code.";
        }
        String redirect = request.get("redirect_uri");
        if (redirect == null || !isLocalHttp(redirect)) {
            return "redirect_uri must be an http URL on this machine.";
        }
        if (request.get("code_challenge") == null || !"S256".equals(request.get("code_challenge_method"))) {
            return "PKCE is required: code_challenge with code_challenge_method S256.";
        }
        return null;
    }

    /** The dev provider's client runs on this machine: the local stack, the tests, docker compose's published port. */
    private static boolean isLocalHttp(String url) {
        try {
            URI uri = URI.create(url);
            return "http".equals(uri.getScheme())
                    && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String loginPage(Map<String, String> request) {
        StringBuilder hidden = new StringBuilder();
        for (String name : new String[]{"client_id", "response_type", "redirect_uri", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method"}) {
            if (request.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(request.get(name))).append("\">");
            }
        }
        StringBuilder users = new StringBuilder();
        for (DevUser user : DevUser.values()) {
            users.append("<li><form method=\"post\" action=\"/authorize\">").append(hidden)
                    .append("<button type=\"submit\" name=\"user\" value=\"").append(user.subject())
                    .append("\" id=\"user-").append(user.subject()).append("\">").append(escape(user.displayName()))
                    .append(" <span>(").append(user.subject()).append(": ").append(String.join(", ", user.roles()))
                    .append(user.partnerIds().isEmpty() ? "" : "; MPN " + String.join(", ", user.partnerIds()))
                    .append(")</span></button></form></li>");
        }
        return "<h1>Sign in to CPOR</h1><p>Development identity provider: choose a sample user.</p><ul>"
                + users + "</ul>";
    }

    private static void page(HttpExchange exchange, int status, String main) throws IOException {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>CPOR sign-in (development)</title>"
                + "<style>body{font-family:sans-serif;margin:2rem;color:#1b1b1b}ul{list-style:none;padding:0}"
                + "button{margin:.25rem 0;padding:.5rem 1rem;font-size:1rem;background:#0b5394;color:#fff;"
                + "border:0;border-radius:4px;cursor:pointer}</style></head><body><main>" + main + "</main></body></html>";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void tokenError(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        DevIdentityProvider.respond(exchange, status, "{\"error\":\"" + error + "\",\"error_description\":\""
                + jsonEscape(description) + "\"}");
    }

    /** client_secret_basic (Authorization header) or client_secret_post (form fields). */
    private static String[] clientCredentials(HttpExchange exchange, Map<String, String> form) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                String[] parts = decoded.split(":", 2);
                if (parts.length == 2) {
                    return new String[]{URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                            URLDecoder.decode(parts[1], StandardCharsets.UTF_8)};
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
            return null;
        }
        if (form.containsKey("client_id") && form.containsKey("client_secret")) {
            return new String[]{form.get("client_id"), form.get("client_secret")};
        }
        return null;
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> parameters(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
