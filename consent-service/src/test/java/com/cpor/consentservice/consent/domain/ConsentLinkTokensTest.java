package com.cpor.consentservice.consent.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentLinkTokensTest {

    private final ConsentLinkTokens tokens = new ConsentLinkTokens(
            "unit-test-secret-that-is-long-enough-0123".getBytes(StandardCharsets.UTF_8), new SecureRandom());

    @Test
    void issued_tokens_are_authentic_url_safe_and_carry_256_random_bits() {
        String token = tokens.issue();
        assertThat(tokens.isAuthentic(token)).isTrue();
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')))).hasSize(32);
    }

    @Test
    void tokens_do_not_repeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(tokens.issue())).isTrue();
        }
    }

    @Test
    void any_altered_character_makes_a_token_unauthentic() {
        for (int round = 0; round < 50; round++) {
            String token = tokens.issue();
            for (int i = 0; i < token.length(); i++) {
                if (token.charAt(i) == '.') {
                    continue;
                }
                // neighbouring characters differ only in the low bits, which base64 decoding may ignore
                char replacement = token.charAt(i) == 'A' ? 'B' : (char) (token.charAt(i) == 'B' ? 'A' : 'B');
                String altered = token.substring(0, i) + replacement + token.substring(i + 1);
                assertThat(tokens.isAuthentic(altered)).as("altered at %d of %s", i, token).isFalse();
            }
        }
    }

    @Test
    void tokens_of_another_secret_and_malformed_input_are_refused() {
        ConsentLinkTokens other = new ConsentLinkTokens(
                "some-other-deployment-secret-0123456789".getBytes(StandardCharsets.UTF_8), new SecureRandom());
        assertThat(tokens.isAuthentic(other.issue())).isFalse();
        assertThat(tokens.isAuthentic(null)).isFalse();
        assertThat(tokens.isAuthentic("")).isFalse();
        assertThat(tokens.isAuthentic("no-dot-here")).isFalse();
        assertThat(tokens.isAuthentic("../../etc/passwd")).isFalse();
    }

    @Test
    void stored_form_is_a_sha256_that_differs_from_the_token() {
        String token = tokens.issue();
        String hash = ConsentLinkTokens.hash(token);
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(ConsentLinkTokens.hash(token)).doesNotContain(token);
        assertThat(ConsentLinkTokens.hash(tokens.issue())).isNotEqualTo(hash);
    }

    @Test
    void a_secret_of_32_bytes_is_enough_and_31_are_not() {
        ConsentLinkTokens minimal = new ConsentLinkTokens(new byte[32], new SecureRandom());
        assertThat(minimal.isAuthentic(minimal.issue())).isTrue();
        assertThatThrownBy(() -> new ConsentLinkTokens(new byte[31], new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void short_secrets_are_refused() {
        assertThatThrownBy(() -> new ConsentLinkTokens("short".getBytes(StandardCharsets.UTF_8), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
