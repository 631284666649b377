package com.cpor.notificationservice.notification;

import com.cpor.events.ClaimStatus;
import com.cpor.events.ContactTimeZones;
import com.cpor.events.CporEvent;
import com.cpor.events.RejectionReason;
import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.notificationservice.config.NotificationProperties;
import com.cpor.notificationservice.notification.application.NoticePlanner;
import com.cpor.notificationservice.notification.application.RenderedMail;
import com.cpor.notificationservice.notification.domain.Notice;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.SupportedLocales;
import com.cpor.notificationservice.notification.mail.MailTemplates;
import com.cpor.notificationservice.notification.mail.ThymeleafNoticeRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every notice in every locale, rendered as it would be mailed: right template and recipient, a translated
 * subject, the key content (names, localised labels and dates, links) in both the HTML and the text body,
 * and no unresolved message keys or expressions.
 */
class NoticeCatalogTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");
    static final ResourceBundleMessageSource MESSAGES = messages();
    static final ConsentLinkCipher LINKS = new ConsentLinkCipher(SampleEvents.LINK_KEY, List.of());
    static final ThymeleafNoticeRenderer RENDERER = new ThymeleafNoticeRenderer(MailTemplates.engine(MESSAGES), MESSAGES, ZONE);
    static final NotificationProperties SETTINGS = new NotificationProperties("no-reply@cpor.example", "CPOR",
            "https://console.example", "review-team@cpor.example",
            "review-lead@cpor.example", "en-US", ZONE, "notifications.test",
            new NotificationProperties.Delivery(true, java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofSeconds(10), 3,
                    java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10), 4, 100));

    /** A notice: which event triggers it, who receives it, what it must show (beyond claim name and greeting). */
    record Case(String name, NoticeTemplate template, Function<SampleEvents, CporEvent> event,
                Function<SampleEvents, String> recipient, BiFunction<SampleEvents, Locale, List<String>> shows) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("consent notice to customer", NoticeTemplate.CUSTOMER_CONSENT_REQUEST, SampleEvents::consentRequested,
                        SampleEvents::customerEmail, (s, l) -> List.of(Notification.SECRET_LINK_PLACEHOLDER, "Nowak IT Solutions sp. z o.o. (MPN 1234567)",
                        "Contoso Ltd", "Microsoft Teams", "Exchange Online", msg("enum.Program.OSU_M365", l),
                        date(SampleEvents.WINDOW_END, l), "Anna Kowalska")),
                new Case("approved to partner", NoticeTemplate.PARTNER_CLAIM_APPROVED, SampleEvents::consentRequested,
                        SampleEvents::partnerEmail, (s, l) -> List.of(date(SampleEvents.WINDOW_END, l), partnerLink(s),
                        msg("partner-claim-approved.after", l))),
                new Case("partner action required", NoticeTemplate.PARTNER_ACTION_REQUIRED, SampleEvents::partnerActionRequired,
                        SampleEvents::partnerEmail, (s, l) -> List.of(
                        msg("enum.PartnerActionReason.MISSING_CUSTOMER_ACKNOWLEDGEMENT", l),
                        msg("enum.PartnerActionReason.MISSING_PRODUCTS", l), "Please upload the signed PoE.",
                        msg("partner-action-required.productsToRemove", l), "- " + msg("product.EXCHANGE_ONLINE", l),
                        date(SampleEvents.RESPOND_BY, l), partnerLink(s))),
                new Case("rejected by reviewer, disputable", NoticeTemplate.PARTNER_CLAIM_REJECTED,
                        s -> s.rejected(RejectionReason.INSUFFICIENT_POE, false, ClaimStatus.IN_REVIEW),
                        SampleEvents::partnerEmail, (s, l) -> List.of(msg("enum.RejectionReason.INSUFFICIENT_POE", l),
                        "The PoE does not name the workloads.", partnerLink(s), date(SampleEvents.DISPUTE_UNTIL, l),
                        msg("partner-claim-rejected.afterDispute", l))),
                new Case("rejected for no partner response", NoticeTemplate.PARTNER_CLAIM_REJECTED,
                        s -> s.rejected(RejectionReason.NO_PARTNER_RESPONSE, false, ClaimStatus.PARTNER_ACTION_REQUIRED),
                        SampleEvents::partnerEmail, (s, l) -> List.of(msg("enum.RejectionReason.NO_PARTNER_RESPONSE", l),
                        msg("partner-claim-rejected.noPartnerResponse", l), date(SampleEvents.DISPUTE_UNTIL, l))),
                new Case("customer declined", NoticeTemplate.PARTNER_CUSTOMER_DECLINED,
                        s -> s.rejected(RejectionReason.CUSTOMER_DECLINED, true, ClaimStatus.APPROVED),
                        SampleEvents::partnerEmail, (s, l) -> List.of(msg("partner-customer-declined.final", l),
                        "Contoso Ltd", partnerLink(s))),
                new Case("dispute received", NoticeTemplate.PARTNER_DISPUTE_RECEIVED, SampleEvents::disputed,
                        SampleEvents::partnerEmail, (s, l) -> List.of("The signed PoE is attached now.",
                        date(Instant.parse("2026-11-27T10:15:30Z"), l))),
                new Case("dispute overturned", NoticeTemplate.PARTNER_DISPUTE_OUTCOME, s -> s.disputeDecided(true),
                        SampleEvents::partnerEmail, (s, l) -> List.of(
                        msg("partner-dispute-outcome.overturned", l, s.claim(null, null, null, 0).name()),
                        "Checked the updated PoE.")),
                new Case("dispute upheld", NoticeTemplate.PARTNER_DISPUTE_OUTCOME, s -> s.disputeDecided(false),
                        SampleEvents::partnerEmail, (s, l) -> List.of(
                        msg("partner-dispute-outcome.upheld", l, s.claim(null, null, null, 0).name()),
                        msg("partner-dispute-outcome.upheldNext", l))),
                new Case("reviewer comment to partner", NoticeTemplate.PARTNER_NEW_COMMENT,
                        s -> s.comment(SampleEvents.REVIEWER, "Which tenant is this?"), SampleEvents::partnerEmail,
                        (s, l) -> List.of("Which tenant is this?", "Réka Szabó", partnerLink(s))),
                new Case("sent to evaluation", NoticeTemplate.PARTNER_SENT_TO_EVALUATION, SampleEvents::sentToEvaluation,
                        SampleEvents::partnerEmail, (s, l) -> List.of(date(SampleEvents.WINDOW_END, l),
                        msg("partner-sent-to-evaluation.note", l))),
                new Case("partner response reminder", NoticeTemplate.PARTNER_RESPONSE_REMINDER, SampleEvents::reminder,
                        SampleEvents::partnerEmail, (s, l) -> List.of(date(SampleEvents.RESPOND_BY, l), partnerLink(s))));
    }

    static Stream<Arguments> partnerAndCustomerNotices() {
        List<Arguments> all = new ArrayList<>();
        for (Locale locale : SupportedLocales.ALL) {
            for (Case c : cases()) {
                all.add(Arguments.of(c, locale.toLanguageTag()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("partnerAndCustomerNotices")
    void notice_is_written_in_the_recipients_language_with_its_key_content(Case notice, String localeTag) {
        SampleEvents sample = SampleEvents.forClaim(localeTag);
        InMemoryClaimDirectory directory = new InMemoryClaimDirectory();
        directory.remember(sample.partnerActionRequired().claim());
        List<Notice> planned = new NoticePlanner(directory, SETTINGS, LINKS).plan(notice.event().apply(sample));

        Notice mail = planned.stream().filter(n -> n.template() == notice.template()).findFirst().orElseThrow();
        assertThat(mail.recipient().email()).isEqualTo(notice.recipient().apply(sample));
        Locale locale = Locale.forLanguageTag(localeTag);
        RenderedMail rendered = RENDERER.render(mail);

        assertThat(rendered.locale()).isEqualTo(locale);
        assertWellFormed(rendered);
        assertTranslated(rendered, mail);
        for (String expected : notice.shows().apply(sample, locale)) {
            if (expected.startsWith("- ")) { // a line of a list in the text body, an item of a list in HTML
                assertThat(rendered.textBody()).as("text body lists %s", expected).contains("\n" + expected + "\n");
                assertThat(rendered.htmlBody()).as("HTML body lists %s", expected)
                        .contains("<li>" + htmlEscaped(expected.substring(2)) + "</li>");
                continue;
            }
            assertThat(rendered.htmlBody()).as("HTML body shows %s", expected).contains(htmlEscaped(expected));
            assertThat(rendered.textBody()).as("text body shows %s", expected).contains(expected);
        }
        if (notice.template() != NoticeTemplate.CUSTOMER_CONSENT_REQUEST) {
            assertThat(rendered.subject()).contains("Contoso – Teams usage");
        }
        if (locale.getLanguage().equals("ru")) {
            // the Latin acronym is introduced once with the Russian one; after that the mail says КПОР
            assertThat(rendered.textBody().split("CPOR \\(КПОР\\)", -1)).as("CPOR (КПОР) in the text").hasSize(2);
            assertThat(rendered.htmlBody().split("CPOR \\(КПОР\\)", -1)).as("CPOR (КПОР) in the HTML").hasSize(2);
        }
    }

    /**
     * The console serves exactly these pages for e-mailed links (console's ConsolePagesTest checks they are mapped);
     * the consent link is the consent page's, put in at sending time.
     */
    private static final java.util.regex.Pattern CONSOLE_PAGE =
            java.util.regex.Pattern.compile("https://console\\.example/(claims|reviews)/[A-Za-z0-9-]+");
    private static final java.util.regex.Pattern LINK_IN_HTML = java.util.regex.Pattern.compile("href=\"([^\"]*)\"");
    private static final java.util.regex.Pattern LINK_IN_TEXT = java.util.regex.Pattern.compile("https?://[^\\s\"'<>]+");

    @org.junit.jupiter.api.Test
    void every_link_in_every_mail_opens_a_console_page_or_the_consent_page() {
        SampleEvents sample = SampleEvents.forClaim("en-US");
        InMemoryClaimDirectory directory = new InMemoryClaimDirectory();
        directory.remember(sample.partnerActionRequired().claim());
        directory.assignReviewer(sample.claimId(), SampleEvents.REVIEWER, SampleEvents.NOW);
        NoticePlanner planner = new NoticePlanner(directory, SETTINGS, LINKS);
        List<Notice> notices = new ArrayList<>();
        cases().forEach(c -> notices.addAll(planner.plan(c.event().apply(sample))));
        notices.addAll(planner.plan(sample.comment(SampleEvents.PARTNER, "Signed PoE uploaded.")));
        notices.addAll(planner.plan(sample.slaBreached()));
        assertThat(notices).extracting(Notice::template).containsAll(java.util.EnumSet.allOf(NoticeTemplate.class));

        int links = 0;
        for (Notice notice : notices) {
            RenderedMail rendered = RENDERER.render(notice);
            List<String> found = new ArrayList<>();
            LINK_IN_HTML.matcher(rendered.htmlBody()).results().forEach(m -> found.add(m.group(1)));
            LINK_IN_TEXT.matcher(rendered.textBody()).results().forEach(m -> found.add(m.group()));
            for (String link : found) {
                assertThat(link.equals(Notification.SECRET_LINK_PLACEHOLDER) || CONSOLE_PAGE.matcher(link).matches())
                        .as("%s links to %s", notice.template(), link).isTrue();
                if (!link.equals(Notification.SECRET_LINK_PLACEHOLDER)) {
                    assertThat(link).endsWith("/" + sample.claimId());
                }
            }
            links += found.size();
        }
        assertThat(links).isPositive();
    }

    @ParameterizedTest(name = "in {0}")
    @MethodSource("locales")
    void the_customer_is_told_which_organisation_asks_and_older_events_name_the_contact_and_mpn(String localeTag) {
        SampleEvents sample = SampleEvents.forClaim(localeTag);
        NoticePlanner planner = new NoticePlanner(new InMemoryClaimDirectory(), SETTINGS, LINKS);
        ConsentRequested current = sample.consentRequested();
        ConsentRequested older = new ConsentRequested(current.eventId(), current.occurredAt(), current.claimId(),
                current.consentId(), current.windowEndsAt(), null, current.claim().withPartnerOrganisation(null),
                current.consentLink());

        RenderedMail named = RENDERER.render(customerNotice(planner.plan(current)));
        assertThat(named.subject()).contains("Nowak IT Solutions sp. z o.o.");
        assertThat(named.textBody()).contains("Nowak IT Solutions sp. z o.o. (MPN 1234567)");
        assertThat(named.htmlBody()).contains("Nowak IT Solutions sp. z o.o. (MPN 1234567)");
        assertThat(RENDERER.render(customerNotice(planner.plan(older))).textBody())
                .contains("Piotr Nowak (MPN 1234567)").doesNotContain("Nowak IT Solutions");
    }

    private static Notice customerNotice(List<Notice> planned) {
        return planned.stream().filter(n -> n.template() == NoticeTemplate.CUSTOMER_CONSENT_REQUEST).findFirst()
                .orElseThrow();
    }

    static Stream<String> locales() {
        return SupportedLocales.ALL.stream().map(Locale::toLanguageTag);
    }

    @ParameterizedTest(name = "in {0}")
    @MethodSource("locales")
    void partner_comment_goes_to_the_assigned_reviewer_in_the_staff_language(String localeTag) {
        SampleEvents sample = SampleEvents.forClaim(localeTag);
        InMemoryClaimDirectory directory = new InMemoryClaimDirectory();
        directory.assignReviewer(sample.claimId(), SampleEvents.REVIEWER, SampleEvents.NOW);

        List<Notice> planned = new NoticePlanner(directory, SETTINGS, LINKS)
                .plan(sample.comment(SampleEvents.PARTNER, "Signed PoE uploaded."));

        assertThat(planned).singleElement().satisfies(notice -> {
            assertThat(notice.template()).isEqualTo(NoticeTemplate.REVIEWER_NEW_COMMENT);
            assertThat(notice.recipient().email()).isEqualTo("reka@reviews.example");
            RenderedMail rendered = RENDERER.render(notice);
            assertWellFormed(rendered);
            assertThat(rendered.locale()).isEqualTo(SupportedLocales.FALLBACK);
            assertThat(rendered.textBody()).contains("Signed PoE uploaded.", "Piotr Nowak", "1234567",
                    "https://console.example/reviews/" + sample.claimId());
        });
    }

    @ParameterizedTest(name = "staff locale {0}")
    @MethodSource("locales")
    void sla_breach_escalates_to_the_assigned_reviewer_and_the_review_lead(String staffLocale) {
        SampleEvents sample = SampleEvents.forClaim("pl-PL");
        InMemoryClaimDirectory directory = new InMemoryClaimDirectory();
        directory.remember(sample.partnerActionRequired().claim());
        NotificationProperties staffInLocale = new NotificationProperties(SETTINGS.from(), SETTINGS.fromName(),
                SETTINGS.consoleUrl(), SETTINGS.reviewTeamEmail(),
                SETTINGS.reviewLeadEmail(), staffLocale, ZONE, SETTINGS.messageIdDomain(), SETTINGS.delivery());

        List<Notice> planned = new NoticePlanner(directory, staffInLocale, LINKS).plan(sample.slaBreached());

        assertThat(planned).extracting(n -> n.recipient().email())
                .containsExactly("reka@reviews.example", "review-lead@cpor.example");
        Locale locale = Locale.forLanguageTag(staffLocale);
        for (Notice notice : planned) {
            RenderedMail rendered = RENDERER.render(notice);
            assertWellFormed(rendered);
            assertThat(rendered.textBody()).contains(msg("enum.Stage.REVIEW_DECISION", locale),
                    RENDERER.formatDate(SampleEvents.RESPOND_BY, locale, ZONE), "Réka Szabó", "Contoso – Teams usage");
        }
    }

    /** Two recipients of one claim, each reading the dates in their own zone: named, and at their local time. */
    @ParameterizedTest(name = "customer {0} in {1}, partner {2} in {3}")
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "-", value = {
            "pl-PL, -,                   zh-CN, -,          Europe/Warsaw,       Asia/Shanghai",
            "en-US, America/Los_Angeles, hu-HU, -,          America/Los_Angeles, Europe/Budapest",
            "ru-RU, -,                   en-US, -,          Europe/Moscow,       UTC",
            "zh-CN, Europe/Warsaw,       pl-PL, Asia/Tokyo, Europe/Warsaw,       Asia/Tokyo"})
    void dates_are_shown_in_each_recipients_time_zone_with_the_zone_named(String customerLocale, String customerZone,
            String partnerLocale, String partnerZone, String customerShown, String partnerShown) {
        SampleEvents sample = new SampleEvents("c-" + java.util.UUID.randomUUID(), customerLocale, partnerLocale,
                customerZone, partnerZone);
        ThymeleafNoticeRenderer inUtc = new ThymeleafNoticeRenderer(MailTemplates.engine(MESSAGES), MESSAGES, ZoneId.of("UTC"));
        List<Notice> planned = new NoticePlanner(new InMemoryClaimDirectory(), SETTINGS, LINKS).plan(sample.consentRequested());

        Notice customer = planned.stream().filter(n -> n.template() == NoticeTemplate.CUSTOMER_CONSENT_REQUEST).findFirst().orElseThrow();
        Notice partner = planned.stream().filter(n -> n.template() == NoticeTemplate.PARTNER_CLAIM_APPROVED).findFirst().orElseThrow();
        for (Object[] check : List.of(new Object[]{customer, customerLocale, customerShown},
                new Object[]{partner, partnerLocale, partnerShown})) {
            Locale locale = Locale.forLanguageTag((String) check[1]);
            String shownZone = (String) check[2];
            String expected = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.LONG,
                    java.time.format.FormatStyle.SHORT).withLocale(locale)
                    .format(SampleEvents.WINDOW_END.atZone(ZoneId.of(shownZone))) + " (" + shownZone + ")";
            RenderedMail rendered = inUtc.render((Notice) check[0]);
            assertThat(rendered.textBody()).as("%s reads", check[1]).contains(expected);
            assertThat(rendered.htmlBody()).as("%s reads", check[1]).contains(htmlEscaped(expected));
        }
    }

    @org.junit.jupiter.api.Test
    void every_withdrawal_reason_has_a_label_in_every_language() {
        for (Locale locale : SupportedLocales.ALL) {
            for (com.cpor.events.WithdrawalReason reason : com.cpor.events.WithdrawalReason.values()) {
                String label = MESSAGES.getMessage("enum.WithdrawalReason." + reason.name(), null, null, locale);
                assertThat(label).as("%s in %s", reason, locale).isNotBlank().isNotEqualTo(reason.name());
            }
        }
    }

    private static void assertWellFormed(RenderedMail rendered) {
        for (String part : List.of(rendered.subject(), rendered.htmlBody(), rendered.textBody())) {
            assertThat(part).isNotBlank().doesNotContain("??", "[(", "${", "#{", "th:");
        }
        assertThat(rendered.htmlBody()).contains("<html");
        assertThat(rendered.textBody()).doesNotContain("<p", "<a ");
    }

    /** Non-English notices must not fall back to the English text for their own sentences. */
    private static void assertTranslated(RenderedMail rendered, Notice notice) {
        if (rendered.locale().equals(SupportedLocales.FALLBACK)) {
            return;
        }
        String english = MESSAGES.getMessage(notice.template().templateName() + ".subject",
                new Object[]{"x"}, SupportedLocales.FALLBACK).replace("x", "");
        assertThat(rendered.subject()).doesNotContain(english.strip());
        assertThat(rendered.textBody()).doesNotContain(MESSAGES.getMessage("footer.automatic", null, SupportedLocales.FALLBACK));
    }

    private static String partnerLink(SampleEvents sample) {
        return "https://console.example/claims/" + sample.claimId();
    }

    private static String msg(String key, Locale locale, Object... args) {
        return MESSAGES.getMessage(key, args, locale);
    }

    /** As the sample's contacts (no zone of their own) read it: in their locale's country's zone, else ZONE. */
    private static String date(Instant instant, Locale locale) {
        return RENDERER.formatDate(instant, locale, ContactTimeZones.defaultFor(locale.toLanguageTag()).orElse(ZONE));
    }

    private static String htmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("mail/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
