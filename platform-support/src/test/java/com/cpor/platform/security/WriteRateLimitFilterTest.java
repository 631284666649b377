package com.cpor.platform.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes are limited per partner (all of a caller's partner ids together) or, without partner ids, per subject;
 * reads and anonymous requests are not counted. The controller's {@link Caller} comes from the same token.
 */
class WriteRateLimitFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    // one write per 2 s, no burst beyond it
    private final WriteRateLimitFilter filter = new WriteRateLimitFilter(new WriteRateLimiter(0.5, 1, 100, now::get), JSON);

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_partner_s_second_write_within_its_rate_is_429_with_retry_after_and_goes_no_further() throws Exception {
        authenticate(token("partner-admin", List.of("1234567")));
        assertThat(passes("POST")).isTrue();

        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("PUT", "/api/v1/claims/c-1"), refused, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        JsonNode problem = JSON.readTree(refused.getContentAsString());
        assertThat(problem.get("type").asString()).endsWith("rate-limited");
        assertThat(problem.get("detail").asString()).isEqualTo("Too many writes; retry after 2 s");
    }

    @Test
    void reads_are_never_counted() throws Exception {
        authenticate(token("partner-admin", List.of("1234567")));
        for (int i = 0; i < 5; i++) {
            assertThat(passes("GET")).isTrue();
        }
        assertThat(passes("DELETE")).isTrue();
        assertThat(passes("PATCH")).as("the DELETE took the token").isFalse();
    }

    @Test
    void users_of_the_same_partner_ids_share_one_budget_and_other_callers_have_their_own() throws Exception {
        authenticate(token("alice", List.of("7654321", "1234567")));
        assertThat(passes("POST")).isTrue();
        authenticate(token("bob", List.of("1234567", "7654321")));
        assertThat(passes("POST")).as("same partner ids in another order").isFalse();
        authenticate(token("carol", List.of("5555555")));
        assertThat(passes("POST")).as("another partner is not throttled by the first").isTrue();

        authenticate(token("reviewer-1", List.of()));
        assertThat(passes("POST")).isTrue();
        authenticate(token("reviewer-2", List.of()));
        assertThat(passes("POST")).as("a subject without partner ids has its own budget").isTrue();
    }

    @Test
    void anonymous_or_non_token_requests_are_left_to_the_authorization_rules() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(passes("POST")).isTrue();
        }
        authenticate(new TestingAuthenticationToken("user", "password"));
        assertThat(passes("POST")).isTrue();
        assertThat(passes("POST")).isTrue();
    }

    @Test
    void a_caller_parameter_is_resolved_from_the_token_and_refused_without_one() throws Exception {
        CallerArgumentResolver resolver = new CallerArgumentResolver();
        MethodParameter callerParameter = new MethodParameter(
                WriteRateLimitFilterTest.class.getDeclaredMethod("handler", Caller.class, String.class), 0);
        MethodParameter otherParameter = new MethodParameter(
                WriteRateLimitFilterTest.class.getDeclaredMethod("handler", Caller.class, String.class), 1);

        assertThat(resolver.supportsParameter(callerParameter)).isTrue();
        assertThat(resolver.supportsParameter(otherParameter)).isFalse();
        assertThatThrownBy(() -> resolver.resolveArgument(callerParameter, null, null, null))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        authenticate(new TestingAuthenticationToken("user", "password"));
        assertThatThrownBy(() -> resolver.resolveArgument(callerParameter, null, null, null))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);

        authenticate(token("partner-admin", List.of("1234567")));
        Caller caller = resolver.resolveArgument(callerParameter, null, null, null);
        assertThat(caller.subject()).isEqualTo("partner-admin");
        assertThat(caller.partnerIds()).containsExactly("1234567");
    }

    @SuppressWarnings("unused")
    private void handler(Caller caller, String claimId) {
    }

    private boolean passes(String method) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest(method, "/api/v1/claims"), response, chain);
        return chain.getRequest() != null && response.getStatus() == 200;
    }

    private static void authenticate(org.springframework.security.core.Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    private static JwtAuthenticationToken token(String subject, List<String> partnerIds) {
        return new JwtAuthenticationToken(Jwt.withTokenValue("t").header("alg", "none").subject(subject)
                .claim("partner_ids", partnerIds).build());
    }
}
