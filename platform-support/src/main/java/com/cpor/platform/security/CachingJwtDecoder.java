package com.cpor.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the bearer tokens it validated, until they expire and at most {@code maxAge}: a client sends the same
 * token with every request until it expires, and checking its signature and claims again each time was 8–13 % of an
 * HTTP service's CPU (docs/benchmarks.md). The key is the whole token, signature included, so a token changed in any
 * byte is validated in full; refusals are never remembered; a remembered token past its expiry is validated in full
 * again (which applies the clock skew exactly as before). {@code maxAge} bounds how long a token signed with a key
 * the issuer has since withdrawn stays accepted, as the decoder's own JWKS cache does.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Validated> validated = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder delegate, Duration maxAge, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.maxAge = maxAge;
        this.maxEntries = Math.max(1, maxEntries);
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Validated remembered = validated.get(token);
        if (remembered != null && now.isBefore(remembered.until())) {
            return remembered.jwt();
        }
        Jwt jwt = delegate.decode(token);
        remember(token, jwt, now);
        return jwt;
    }

    int size() {
        return validated.size();
    }

    private void remember(String token, Jwt jwt, Instant now) {
        Instant until = now.plus(maxAge);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (!now.isBefore(until)) {
            // accepted within the clock skew after its expiry: validated in full each time, as without this cache
            validated.remove(token);
            return;
        }
        if (validated.size() >= maxEntries) {
            validated.values().removeIf(entry -> !now.isBefore(entry.until()));
            if (validated.size() >= maxEntries) {
                // full of live tokens (more callers than expected): start over rather than grow
                validated.clear();
            }
        }
        validated.put(token, new Validated(jwt, until));
    }

    private record Validated(Jwt jwt, Instant until) {
    }
}
