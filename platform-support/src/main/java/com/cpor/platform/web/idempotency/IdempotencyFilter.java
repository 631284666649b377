package com.cpor.platform.web.idempotency;

import com.cpor.platform.web.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
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

import java.io.ByteArrayInputStream;
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
import java.util.Map;
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
        ReplayableRequest replayable = new ReplayableRequest(request);
        String hash = replayable.hash();
        switch (store.claim(caller, key, hash)) {
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
     * The body read once (the body limit filter has bounded it) and served again to the application. Form and
     * multipart bodies are left to the container and hashed by their fields, so a retry with a new boundary is the
     * same request.
     */
    static final class ReplayableRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayableRequest(HttpServletRequest request) throws IOException {
            super(request);
            this.body = parsedByContainer(request) ? null : request.getInputStream().readAllBytes();
        }

        String hash() throws IOException, ServletException {
            MessageDigest digest = sha256();
            update(digest, getMethod() + " " + getRequestURI() + "?" + (getQueryString() == null ? "" : getQueryString()));
            if (body != null) {
                update(digest, "body");
                digest.update(body);
            } else if (!isMultipart(this)) {
                for (Map.Entry<String, String[]> parameter : new java.util.TreeMap<>(getParameterMap()).entrySet()) {
                    update(digest, "parameter " + parameter.getKey() + "=" + String.join("\u0000", parameter.getValue()));
                }
            } else {
                List<Part> parts = new ArrayList<>(getParts());
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

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                return super.getInputStream();
            }
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            if (body == null) {
                return super.getReader();
            }
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }

        /** Form and multipart bodies are read by the container (parameters, parts): hashed from what it parsed. */
        private static boolean parsedByContainer(HttpServletRequest request) {
            String type = request.getContentType();
            return isMultipart(request) || type != null && type.toLowerCase(java.util.Locale.ROOT)
                    .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        }

        private static boolean isMultipart(HttpServletRequest request) {
            String type = request.getContentType();
            return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
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
}
