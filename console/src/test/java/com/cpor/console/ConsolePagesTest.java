package com.cpor.console;

import com.cpor.platform.testsupport.TestIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console against the development identity provider, without the services: sign-in starts with PKCE and comes
 * back to the page asked for, pages carry the CSP, the locale follows the browser and ?lang=, and the pages that
 * e-mails link to exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePagesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping pages;

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        TestIdentity.provider().consoleClientProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void the_pages_mails_link_to_exist() throws Exception {
        for (String path : new String[]{"/claims/c-3f2b8c1e", "/reviews/c-3f2b8c1e"}) {
            assertThat(pages.getHandler(new MockHttpServletRequest("GET", path))).as(path).isNotNull();
        }
        // the links of before (partner portal on the claim API's port) led nowhere
        assertThat(pages.getHandler(new MockHttpServletRequest("GET", "/partner/claims/c-3f2b8c1e"))).isNull();
    }

    @Test
    void an_emailed_link_opened_before_sign_in_starts_the_code_flow_with_pkce() throws Exception {
        HttpResponse<String> linked = get("/claims/c-42", null);
        assertThat(linked.statusCode()).isEqualTo(302);
        assertThat(linked.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/cpor");
        String session = linked.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> authorize = get("/oauth2/authorization/cpor", session);
        String provider = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(provider).startsWith(TestIdentity.provider().issuer() + "/authorize?")
                .contains("response_type=code", "client_id=cpor-console", "code_challenge=", "code_challenge_method=S256",
                        "scope=openid");
        // the login page of the provider lists the sample users for this very request
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(provider)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("partner-admin", "reviewer");
    }

    @Test
    void pages_carry_a_strict_content_security_policy_and_no_token() throws Exception {
        HttpResponse<String> page = get("/signed-out", null);
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'",
                "form-action 'self' " + TestIdentity.provider().issuer()).doesNotContain("unsafe");
        assertThat(page.body()).doesNotContain("eyJ");
    }

    @Test
    void the_locale_follows_the_browser_and_can_be_switched() throws Exception {
        HttpResponse<String> polish = send(HttpRequest.newBuilder(URI.create(base() + "/signed-out"))
                .header("Accept-Language", "pl,en;q=0.5").build());
        assertThat(polish.body()).contains("lang=\"pl-PL\"", "Wylogowano");

        HttpResponse<String> hungarian = get("/signed-out?lang=hu-HU", null);
        assertThat(hungarian.body()).contains("lang=\"hu-HU\"", "Kijelentkezett");
        String chosen = hungarian.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("cpor_lang=")).findFirst().orElseThrow().split(";")[0];
        assertThat(get("/signed-out", chosen).body()).contains("lang=\"hu-HU\"");

        assertThat(get("/signed-out?lang=xx-YY", null).body()).contains("lang=\"en-US\"");
    }

    @Test
    void a_text_without_arguments_shows_its_apostrophe_once(@Autowired MessageSource messages) {
        // Thymeleaf asks with an empty argument array; without always-use-message-format the '' stayed doubled
        assertThat(messages.getMessage("create.partnerIdHint", new Object[0], Locale.US))
                .isEqualTo("Your organisation's MPN ID (7 digits).");
        assertThat(messages.getMessage("nav.signedInAs", new Object[]{"Réka"}, Locale.US)).isEqualTo("Signed in as Réka");
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
