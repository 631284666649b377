package com.cpor.platform.web.idempotency;

import com.cpor.platform.web.ApiProblem;
import com.cpor.platform.web.BufferedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST (creates and actions): a gateway or client that retries a request it got no
 * answer to gets the original answer instead of a second execution (for a create: the same claim, not a 409).
 * Scoped per caller (the token's subject). The same key with another request is a 422 problem; while the first
 * request runs, a retry gets 409 with {@code Retry-After}. Only successful (2xx) answers are kept: a request that
 * failed changed nothing, so a retry with its key runs again. Runs after authentication and the write rate limit.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer, so a client can tell it from a first execution. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final JsonMapper json;

    public IdempotencyFilter(IdempotencyStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = callerOf(SecurityContextHolder.getContext().getAuthentication());
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problem(response, HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                    HEADER + ": must be 1 to 255 visible ASCII characters (a UUID, for example)");
            return;
        }
        // the body is read here (the body limit filter has bounded it) and served again to the application
        byte[] body = parsedByContainer(request) ? null : request.getInputStream().readAllBytes();
        HttpServletRequest replayable = body == null ? request : new BufferedBodyRequest(request, body);
        switch (store.claim(caller, key, hash(replayable, body))) {
            case IdempotencyStore.Claim.Claimed ignored -> execute(replayable, response, chain, caller, key);
            case IdempotencyStore.Claim.Answered answered -> replay(answered.response(), response);
            case IdempotencyStore.Claim.OtherRequest ignored -> problem(response, HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused", "Idempotency-Key reused", HEADER + ": this key was used for another "
                            + "request (method, path or body); use a new key for a new request");
            case IdempotencyStore.Claim.InProgress ignored -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problem(response, HttpStatus.CONFLICT, "idempotency-key-in-progress", "Request in progress",
                        HEADER + ": the first request with this key has not finished; retry later");
            }
        }
    }

    private void execute(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                         String caller, String key) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, recorded);
            if (recorded.getStatus() >= 200 && recorded.getStatus() < 300) {
                store.complete(caller, key, new StoredResponse(recorded.getStatus(), recorded.getContentType(),
                        recorded.getHeader(HttpHeaders.LOCATION), recorded.getHeader(HttpHeaders.ETAG),
                        recorded.getContentAsByteArray()));
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(caller, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        response.setHeader(REPLAYED_HEADER, "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.body() != null) {
            response.setContentLength(stored.body().length);
            response.getOutputStream().write(stored.body());
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String kind, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ApiProblem.TYPE_PREFIX + kind));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    static String callerOf(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt ? jwt.getSubject() : null;
    }

    /**
     * SHA-256 of method, path, query and body. Form and multipart bodies are read by the container (parameters,
     * parts) and hashed by their fields, so a retry with another multipart boundary is the same request.
     */
    static String hash(HttpServletRequest request, byte[] body) throws IOException, ServletException {
        MessageDigest digest = sha256();
        update(digest, request.getMethod() + " " + request.getRequestURI() + "?"
                + (request.getQueryString() == null ? "" : request.getQueryString()));
        if (body != null) {
            update(digest, "body");
            digest.update(body);
        } else if (!isMultipart(request)) {
            for (Map.Entry<String, String[]> parameter : new TreeMap<>(request.getParameterMap()).entrySet()) {
                update(digest, "parameter " + parameter.getKey() + "=" + String.join("\u0000", parameter.getValue()));
            }
        } else {
            List<Part> parts = new ArrayList<>(request.getParts());
            parts.sort(Comparator.comparing(Part::getName));
            for (Part part : parts) {
                update(digest, "part " + part.getName() + " " + part.getSubmittedFileName() + " "
                        + part.getContentType());
                try (InputStream content = part.getInputStream()) {
                    digest.update(content.readAllBytes());
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean parsedByContainer(HttpServletRequest request) {
        String type = request.getContentType();
        return isMultipart(request) || type != null
                && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
