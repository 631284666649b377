package com.cpor.consentservice.consent.web;

import com.cpor.consentservice.ConsentFixtures;
import com.cpor.consentservice.ConsentServiceTest;
import com.cpor.consentservice.consent.domain.ConsentLinkTokens;
import com.cpor.events.ClaimStatus;
import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.cpor.consentservice.ConsentFixtures.awaitEvent;
import static com.cpor.consentservice.ConsentFixtures.countEvents;
import static com.cpor.consentservice.ConsentFixtures.json;
import static com.cpor.consentservice.ConsentFixtures.newClaimId;
import static com.cpor.consentservice.ConsentFixtures.publish;
import static com.cpor.consentservice.ConsentFixtures.statusChanged;
import static com.cpor.consentservice.ConsentFixtures.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The customer's pages over plain HTTP, as a browser without JavaScript would use them. */
@ConsentServiceTest
class ConsentPageIT {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static EventProbe probe;

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.CONSENTS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en-US | Customer consent notification | End of the consent period | Decline the association | Online Services Usage (OSU)",
            "zh-CN | 客户同意通知 | 同意期限结束时间 | 拒绝关联 | 联机服务使用情况 (OSU)",
            "ru-RU | Уведомление о согласии клиента | Окончание периода согласия | Отклонить связь | Online Services Usage (OSU)",
            "pl-PL | Powiadomienie o zgodzie klienta | Koniec okresu zgody | Odmów skojarzenia | Online Services Usage (OSU)",
            "hu-HU | Az ügyfél hozzájárulási értesítése | A hozzájárulási időszak vége | A társítás megtagadása | Online Services Usage (OSU)"})
    void page_is_shown_in_the_customer_language(String locale, String title, String windowLabel, String declineLabel,
                                                 String program) throws Exception {
        Customer customer = new Customer();
        String token = openWindow(locale);

        HttpResponse<String> page = customer.get("/consent/" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/html"));
        assertThat(page.body())
                .contains("<html lang=\"" + locale + "\"")
                .contains("<title>" + title + "</title>")
                .contains(windowLabel, declineLabel, program)
                .contains("id=\"decline-button\"", "id=\"consent-status\"", "data-status=\"OPEN\"")
                .contains("1234567", "Piotr Nowak", "piotr@partner.example")
                .contains("id=\"partner-organisation\"", ">Nowak IT Solutions sp. z o.o.</dd>",
                        "Nowak IT Solutions sp. z o.o. (MPN 1234567)")
                .contains("Microsoft Teams", "Exchange Online", "Contoso Ltd")
                .doesNotContain("??");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        HttpResponse<String> stylesheet = customer.get("/consent/assets/consent.css");
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/css"));
    }

    @Test
    void date_of_the_window_end_is_written_for_the_customer_locale() throws Exception {
        String token = openWindow("pl-PL");
        String body = new Customer().get("/consent/" + token).body();
        Matcher shown = Pattern.compile("id=\"window-ends-at\" datetime=\"[^\"]+\">([^<]+)<").matcher(body);
        assertThat(shown.find()).isTrue();
        // Polish month names in the genitive, e.g. "1 grudnia 2026"
        assertThat(shown.group(1)).containsPattern("(stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|"
                + "września|października|listopada|grudnia)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "pl-PL | -                   | Europe/Warsaw",
            "ru-RU | -                   | Europe/Moscow",
            "zh-CN | America/Los_Angeles | America/Los_Angeles",
            "en-US | Asia/Tokyo          | Asia/Tokyo",
            "en-US | -                   | UTC"})
    void the_window_end_is_shown_in_the_customers_time_zone_with_the_zone_named(String locale, String timeZone,
                                                                               String shownZone) throws Exception {
        String claimId = newClaimId();
        publish(probe, ConsentFixtures.approved(claimId, clock.instant(), locale, timeZone));
        JsonNode requested = json(awaitEvent(probe, "consent.requested", claimId));
        java.time.Instant windowEndsAt = java.time.Instant.parse(requested.get("windowEndsAt").asString());
        String body = new Customer().get("/consent/" + tokenOf(awaitEvent(probe, "consent.requested", claimId))).body();

        Matcher shown = Pattern.compile("id=\"window-ends-at\" datetime=\"[^\"]+\">([^<]+)<").matcher(body);
        assertThat(shown.find()).isTrue();
        java.time.ZoneId zone = java.time.ZoneId.of(shownZone);
        String expected = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.LONG,
                java.time.format.FormatStyle.SHORT).withLocale(java.util.Locale.forLanguageTag(locale))
                .format(windowEndsAt.atZone(zone)) + " (" + shownZone + ")";
        assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(shown.group(1))).isEqualTo(expected);
    }

    @Test
    void decline_with_the_form_token_is_recorded_published_once_and_a_second_decline_finds_the_link_used()
            throws Exception {
        Customer customer = new Customer();
        String claimId = newClaimId();
        String token = openWindow(claimId, "pl-PL");
        String csrf = csrfOf(customer.get("/consent/" + token).body());

        HttpResponse<String> declined = customer.post("/consent/" + token + "/decline", csrf);

        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(declined.body()).contains("data-status=\"DECLINED\"", "Odmówiono skojarzenia", "lang=\"pl-PL\"");
        JsonNode event = json(awaitEvent(probe, "consent.declined", claimId));
        assertThat(event.get("declinedBy").get("email").asString()).isEqualTo("anna@contoso.example");
        assertThat(event.get("declinedBy").get("kind").asString()).isEqualTo("CUSTOMER");

        HttpResponse<String> again = customer.post("/consent/" + token + "/decline", csrf);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("data-status=\"ALREADY_USED\"", "Ten link został już użyty");
        HttpResponse<String> reopened = customer.get("/consent/" + token);
        assertThat(reopened.statusCode()).isEqualTo(409);
        assertThat(countEvents(probe, "consent.declined", claimId)).isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT declined_by_email || '|' || declined_from_ip || '|' || declined_user_agent
                        FROM consent_window WHERE claim_id = ?""").param(claimId).query(String.class).single())
                .isEqualTo("anna@contoso.example|127.0.0.1|" + Customer.USER_AGENT);
    }

    @Test
    void concurrent_double_submit_declines_once() throws Exception {
        Customer customer = new Customer();
        String claimId = newClaimId();
        String token = openWindow(claimId, "en-US");
        String csrf = csrfOf(customer.get("/consent/" + token).body());

        List<Integer> statuses;
        try (ExecutorService clicks = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> submitted = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                submitted.add(clicks.submit(() -> customer.post("/consent/" + token + "/decline", csrf).statusCode()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> status : submitted) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        awaitEvent(probe, "consent.declined", claimId);
        assertThat(countEvents(probe, "consent.declined", claimId)).isEqualTo(1);
    }

    @Test
    void decline_without_the_csrf_token_is_refused_and_changes_nothing() throws Exception {
        Customer customer = new Customer();
        String claimId = newClaimId();
        String token = openWindow(claimId, "hu-HU");
        customer.get("/consent/" + token);

        HttpResponse<String> forged = customer.post("/consent/" + token + "/decline", null);
        HttpResponse<String> forgedWithWrongToken = customer.post("/consent/" + token + "/decline", "not-the-token");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("data-status=\"REFUSED\"", "Your decline could not be accepted")
                .doesNotContain("Exception");
        assertThat(forgedWithWrongToken.statusCode()).isEqualTo(403);
        assertThat(customer.get("/consent/" + token).statusCode()).isEqualTo(200);
        assertThat(status(claimId)).isEqualTo("OPEN");
    }

    @Test
    void looking_at_the_page_never_changes_anything() throws Exception {
        String claimId = newClaimId();
        String token = openWindow(claimId, "ru-RU");
        Customer scanner = new Customer();
        for (int i = 0; i < 3; i++) {
            assertThat(scanner.get("/consent/" + token).statusCode()).isEqualTo(200);
            assertThat(scanner.get("/consent/" + token + "/decline").statusCode()).isEqualTo(302);
        }
        assertThat(status(claimId)).isEqualTo("OPEN");
    }

    @Test
    void tampered_and_unknown_links_get_a_clear_not_valid_page() throws Exception {
        String token = openWindow("en-US");
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String forgedSignature = new ConsentLinkTokens("another-deployment-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                new SecureRandom()).issue();
        String signedButNeverIssued = new ConsentLinkTokens(ConsentServiceTest.LINK_SECRET.getBytes(StandardCharsets.UTF_8),
                new SecureRandom()).issue();
        Customer customer = new Customer();

        for (String link : new String[]{tampered, forgedSignature, signedButNeverIssued, "abc",
                URLEncoder.encode("<b>x", StandardCharsets.UTF_8)}) {
            HttpResponse<String> page = customer.get("/consent/" + link);
            assertThat(page.statusCode()).as(link).isEqualTo(404);
            assertThat(page.body()).contains("data-status=\"INVALID\"", "This link is not valid")
                    .doesNotContain("<b>x", "Exception");
        }
        HttpResponse<String> declined = customer.post("/consent/" + tampered + "/decline",
                csrfOf(customer.get("/consent/" + token).body()));
        assertThat(declined.statusCode()).isEqualTo(404);
        HttpResponse<String> hungarian = customer.get("/consent/" + tampered, "hu-HU,hu;q=0.9");
        assertThat(hungarian.body()).contains("lang=\"hu-HU\"", "Ez a hivatkozás érvénytelen");
    }

    @Test
    void expired_link_gets_a_gone_page_and_cannot_decline() throws Exception {
        Customer customer = new Customer();
        String claimId = newClaimId();
        String token = openDeliveredWindow(claimId, "zh-CN");
        String csrf = csrfOf(customer.get("/consent/" + token).body());

        clock.advance(Duration.ofDays(7).plusMinutes(1));

        HttpResponse<String> page = customer.get("/consent/" + token);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("data-status=\"EXPIRED\"", "此链接已过期", "lang=\"zh-CN\"");
        HttpResponse<String> late = customer.post("/consent/" + token + "/decline", csrf);
        assertThat(late.statusCode()).isEqualTo(410);
        awaitEvent(probe, "consent.window-elapsed", claimId);
        assertThat(countEvents(probe, "consent.declined", claimId)).isZero();
    }

    @Test
    void link_of_a_withdrawn_claim_is_closed() throws Exception {
        String claimId = newClaimId();
        String token = openWindow(claimId, "en-US");
        publish(probe, statusChanged(claimId, ClaimStatus.APPROVED, ClaimStatus.REJECTED, clock.instant(), "en-US",
                "PARTNER_REQUEST"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(status(claimId)));

        HttpResponse<String> page = new Customer().get("/consent/" + token);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("data-status=\"CLOSED\"");
    }

    @Test
    void a_large_or_unmeasured_decline_form_is_refused_before_it_is_parsed_and_declines_nothing()
            throws Exception {
        Customer customer = new Customer();
        String claimId = newClaimId();
        String token = openWindow(claimId, "en-US");
        String form = "_csrf=" + URLEncoder.encode(csrfOf(customer.get("/consent/" + token).body()), StandardCharsets.UTF_8)
                + "&padding=";

        HttpResponse<String> large = customer.postForm("/consent/" + token + "/decline",
                HttpRequest.BodyPublishers.ofString(form + "x".repeat(200_000)));
        assertThat(large.statusCode()).isEqualTo(413);

        byte[] unmeasured = (form + "x".repeat(1_500_000)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> chunked = customer.postForm("/consent/" + token + "/decline",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(unmeasured)));
        assertThat(chunked.statusCode()).isEqualTo(411);

        assertThat(status(claimId)).isNotEqualTo("DECLINED");
    }

    private String openWindow(String locale) {
        return openWindow(newClaimId(), locale);
    }

    private String openWindow(String claimId, String locale) {
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), locale));
        return tokenOf(awaitEvent(probe, "consent.requested", claimId));
    }

    /** A window whose customer notice was delivered now: it runs from now on. */
    private String openDeliveredWindow(String claimId, String locale) {
        publish(probe, statusChanged(claimId, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, clock.instant(), locale));
        var requested = awaitEvent(probe, "consent.requested", claimId);
        publish(probe, ConsentFixtures.noticeDelivered(requested, clock.instant()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(jdbc.sql(
                "SELECT notice_status FROM consent_window WHERE claim_id = ?").param(claimId).query(String.class).single()));
        return tokenOf(requested);
    }

    private String status(String claimId) {
        return jdbc.sql("SELECT status FROM consent_window WHERE claim_id = ?").param(claimId).query(String.class).single();
    }

    private static String csrfOf(String page) {
        Matcher field = CSRF_FIELD.matcher(page);
        assertThat(field.find()).as("the page carries a CSRF field").isTrue();
        return field.group(1);
    }

    /** A browser without JavaScript: keeps cookies, does not follow redirects. */
    private final class Customer {
        static final String USER_AGENT = "ConsentPageIT/1.0 (plain HTTP)";
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return get(path, "en-US");
        }

        HttpResponse<String> get(String path, String acceptLanguage) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).header("User-Agent", USER_AGENT)
                    .header("Accept-Language", acceptLanguage).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String csrfToken) throws IOException, InterruptedException {
            String form = csrfToken == null ? "" : "_csrf=" + URLEncoder.encode(csrfToken, StandardCharsets.UTF_8);
            return postForm(path, HttpRequest.BodyPublishers.ofString(form));
        }

        HttpResponse<String> postForm(String path, HttpRequest.BodyPublisher form) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).header("User-Agent", USER_AGENT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(form).build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
