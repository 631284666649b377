package com.cpor.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Limits writes (POST, PUT, PATCH, DELETE) per partner, after authentication: one noisy partner cannot starve
 * the others. The key is the caller's partner ids, or the subject for users without partner ids (reviewers,
 * staff). Refused writes get 429 with {@code Retry-After}. Anonymous requests are not counted here.
 */
public class WriteRateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final WriteRateLimiter limiter;
    private final JsonMapper json;

    public WriteRateLimitFilter(WriteRateLimiter limiter, JsonMapper json) {
        this.limiter = limiter;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = callerKey(SecurityContextHolder.getContext().getAuthentication());
        if (key != null) {
            WriteRateLimiter.Decision decision = limiter.tryAcquire(key);
            if (!decision.allowed()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
                ProblemResponses.write(json, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                        "Too many requests", "Too many writes; retry after " + decision.retryAfterSeconds() + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static String callerKey(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            return null;
        }
        Caller caller = Caller.of(jwt);
        if (!caller.partnerIds().isEmpty()) {
            return "partner:" + String.join(",", new TreeSet<>(caller.partnerIds()));
        }
        return "subject:" + caller.subject();
    }
}
