package com.cpor.platform.security;

import com.cpor.events.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who the caller is (§6: {@code sub}, {@code name}, {@code email}, {@code roles}, {@code partner_ids}) and the problem
 * answers security gives before any controller runs.
 */
class CallerAndProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void a_caller_is_read_from_the_token_claims() {
        Caller caller = Caller.of(token("partner-admin", List.of("GLOBAL_ADMIN"), List.of("1234567", "7654321")));

        assertThat(caller.subject()).isEqualTo("partner-admin");
        assertThat(caller.name()).isEqualTo("Piotr Nowak");
        assertThat(caller.email()).isEqualTo("piotr@partner.example");
        assertThat(caller.roles()).containsExactly("GLOBAL_ADMIN");
        assertThat(caller.partnerIds()).containsExactlyInAnyOrder("1234567", "7654321");
        assertThat(caller.hasRole(Roles.GLOBAL_ADMIN)).isTrue();
        assertThat(caller.hasRole(Roles.STAFF)).isFalse();
        assertThat(caller.asActor(Actor.ActorKind.PARTNER))
                .isEqualTo(new Actor("partner-admin", "Piotr Nowak", "piotr@partner.example", Actor.ActorKind.PARTNER));
    }

    @Test
    void a_partner_user_acts_only_for_its_own_partner_ids() {
        Caller caller = Caller.of(token("partner-admin", List.of("GLOBAL_ADMIN"), List.of("1234567")));

        assertThat(caller.actsFor("1234567")).isTrue();
        assertThat(caller.actsFor("7654321")).isFalse();
        assertThat(caller.actsFor(null)).isFalse();
    }

    @Test
    void a_token_without_roles_or_partner_ids_is_a_caller_with_neither() {
        Jwt bare = Jwt.withTokenValue("t").header("alg", "none").subject("someone").build();
        Caller caller = Caller.of(bare);

        assertThat(caller.roles()).isEmpty();
        assertThat(caller.partnerIds()).isEmpty();
        assertThat(caller.isReviewer()).isFalse();
    }

    @Test
    void reviewers_and_review_leads_are_reviewers() {
        assertThat(Caller.of(token("r", List.of(Roles.REVIEWER), List.of())).isReviewer()).isTrue();
        assertThat(Caller.of(token("l", List.of(Roles.REVIEW_LEAD), List.of())).isReviewer()).isTrue();
        assertThat(Caller.of(token("p", List.of(Roles.INCENTIVES_ADMIN), List.of())).isReviewer()).isFalse();
    }

    @Test
    void a_token_without_a_subject_cannot_act() {
        RequiredSubjectValidator validator = new RequiredSubjectValidator();

        assertThat(validator.validate(token("partner-admin", List.of(), List.of())).hasErrors()).isFalse();
        assertThat(validator.validate(token(" ", List.of(), List.of())).getErrors())
                .extracting(error -> error.getDescription()).containsExactly("The token has no sub claim");
        Jwt withoutSubject = Jwt.withTokenValue("t").header("alg", "none").claim("name", "x").build();
        assertThat(validator.validate(withoutSubject).getErrors()).extracting(error -> error.getErrorCode())
                .containsExactly("invalid_token");
    }

    @Test
    void unauthenticated_and_forbidden_calls_are_problems_and_ask_for_a_bearer_token() throws Exception {
        ProblemJsonSecurityHandlers handlers = new ProblemJsonSecurityHandlers(JSON);

        MockHttpServletResponse unauthenticated = new MockHttpServletResponse();
        handlers.commence(new MockHttpServletRequest(), unauthenticated, new BadCredentialsException("expired"));
        assertThat(unauthenticated.getStatus()).isEqualTo(401);
        assertThat(unauthenticated.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(problem(unauthenticated).get("detail").asString()).isEqualTo("A valid bearer token is required");
        assertThat(problem(unauthenticated).get("type").asString()).isEqualTo("urn:cpor:problem:unauthenticated");

        MockHttpServletResponse forbidden = new MockHttpServletResponse();
        handlers.handle(new MockHttpServletRequest(), forbidden, new AccessDeniedException("no"));
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(forbidden.getContentType()).isEqualTo("application/problem+json");
        assertThat(problem(forbidden).get("detail").asString()).isEqualTo("Your roles do not allow this action");
        assertThat(problem(forbidden).get("type").asString()).isEqualTo("urn:cpor:problem:forbidden");
    }

    @Test
    void a_url_the_firewall_refuses_is_a_400_naming_the_path() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        new ProblemJsonRequestRejectedHandler(JSON).handle(new MockHttpServletRequest(), response,
                new RequestRejectedException("encoded slash"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = problem(response);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid input");
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:invalid-input");
        assertThat(problem.toString()).contains("\"field\":\"path\"");
    }

    @Test
    void a_query_with_a_control_character_is_a_400_naming_the_parameter_and_goes_no_further() throws Exception {
        SafeQueryFilter filter = new SafeQueryFilter(JSON);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/claims");
        request.setQueryString("status=APPROVED&q=a%00b");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = problem(response);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid input");
        assertThat(problem.get("detail").asString()).startsWith("q: ");
        assertThat(problem.get("type").asString()).isEqualTo("urn:cpor:problem:invalid-input");
        assertThat(problem.toString()).contains("\"field\":\"q\"");
    }

    @Test
    void a_clean_query_passes() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/claims");
        request.setQueryString("status=APPROVED&q=Contoso%20Ltd");
        MockFilterChain chain = new MockFilterChain();

        new SafeQueryFilter(JSON).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    private static JsonNode problem(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsString());
    }

    private static Jwt token(String subject, List<String> roles, List<String> partnerIds) {
        return Jwt.withTokenValue("t").header("alg", "none").subject(subject).claim("name", "Piotr Nowak")
                .claim("email", "piotr@partner.example").claim("roles", roles).claim("partner_ids", partnerIds)
                .build();
    }
}
