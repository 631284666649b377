package com.cpor.platform.security;

import com.cpor.platform.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validated tokens are remembered until they expire; anything else is validated in full, as without the cache. */
class CachingJwtDecoderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final ValidatingIssuer issuer = new ValidatingIssuer();
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(issuer, Duration.ofMinutes(5), 3, clock);

    @Test
    void a_token_validated_once_is_not_validated_again_on_the_next_requests() {
        issuer.expiresAt = clock.instant().plus(Duration.ofHours(1));

        Jwt first = decoder.decode("header.claims.signature");
        Jwt second = decoder.decode("header.claims.signature");

        assertThat(second).isSameAs(first);
        assertThat(issuer.validated).containsExactly("header.claims.signature");
    }

    @Test
    void a_token_differing_in_any_byte_is_validated_in_full() {
        issuer.expiresAt = clock.instant().plus(Duration.ofHours(1));
        decoder.decode("header.claims.signature");
        issuer.refuse = true;

        assertThatThrownBy(() -> decoder.decode("header.claims.signaturf")).isInstanceOf(BadJwtException.class);
        assertThat(issuer.validated).containsExactly("header.claims.signature", "header.claims.signaturf");
    }

    @Test
    void a_refused_token_is_validated_again_each_time() {
        issuer.refuse = true;

        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(issuer.validated).containsExactly("forged", "forged");
    }

    @Test
    void once_a_remembered_token_expires_it_is_validated_in_full_again_and_refused_there() {
        issuer.expiresAt = clock.instant().plus(Duration.ofMinutes(2));
        decoder.decode("token");
        clock.advance(Duration.ofMinutes(2));
        issuer.expired = true;

        assertThatThrownBy(() -> decoder.decode("token")).isInstanceOf(JwtValidationException.class);
        assertThat(issuer.validated).containsExactly("token", "token");
    }

    @Test
    void a_token_accepted_within_the_clock_skew_after_its_expiry_is_never_remembered() {
        issuer.expiresAt = clock.instant().minusSeconds(30);

        decoder.decode("late");
        decoder.decode("late");

        assertThat(issuer.validated).containsExactly("late", "late");
    }

    @Test
    void a_long_lived_token_is_remembered_for_the_maximum_age_only() {
        issuer.expiresAt = clock.instant().plus(Duration.ofDays(1));
        decoder.decode("token");
        clock.advance(Duration.ofMinutes(4));
        decoder.decode("token");
        clock.advance(Duration.ofMinutes(1));

        decoder.decode("token");

        assertThat(issuer.validated).containsExactly("token", "token");
    }

    @Test
    void the_cache_never_holds_more_than_its_maximum_of_tokens() {
        issuer.expiresAt = clock.instant().plus(Duration.ofHours(1));

        for (int i = 0; i < 10; i++) {
            decoder.decode("token-" + i);
        }

        assertThat(decoder.size()).isLessThanOrEqualTo(3);
    }

    /** Stands for Spring Boot's decoder: records each full validation. */
    private static final class ValidatingIssuer implements JwtDecoder {
        final List<String> validated = new ArrayList<>();
        Instant expiresAt;
        boolean refuse;
        boolean expired;

        @Override
        public Jwt decode(String token) {
            validated.add(token);
            if (refuse) {
                throw new BadJwtException("signature does not match");
            }
            if (expired) {
                throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
            }
            return new Jwt(token, expiresAt.minus(Duration.ofHours(2)), expiresAt, Map.of("alg", "RS256"),
                    Map.of("sub", "partner-1"));
        }
    }
}
