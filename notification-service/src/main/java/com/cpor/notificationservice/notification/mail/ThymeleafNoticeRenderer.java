package com.cpor.notificationservice.notification.mail;

import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ContactTimeZones;
import com.cpor.notificationservice.notification.application.NoticeRenderer;
import com.cpor.notificationservice.notification.application.RenderedMail;
import com.cpor.notificationservice.notification.domain.Notice;
import com.cpor.notificationservice.notification.domain.Recipient;
import com.cpor.notificationservice.notification.domain.SupportedLocales;
import org.springframework.context.MessageSource;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code mail/html/<template>.html} and {@code mail/text/<template>.txt} with the message bundles
 * {@code mail/messages*.properties}. Raw values are localised first: instants as dates in the recipient's
 * locale and time zone (named after the date; {@link ContactTimeZones}: the recipient's own zone, else its locale's
 * country's, else the configured one), enums and products through their {@code enum.*} / {@code product.*} labels.
 */
public class ThymeleafNoticeRenderer implements NoticeRenderer {

    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final ZoneId zone;

    public ThymeleafNoticeRenderer(ITemplateEngine templates, MessageSource messages, ZoneId zone) {
        this.templates = templates;
        this.messages = messages;
        this.zone = zone;
    }

    @Override
    public RenderedMail render(Notice notice) {
        Locale locale = SupportedLocales.resolve(notice.recipient().localeTag());
        ZoneId recipientZone = zoneOf(notice.recipient());
        Map<String, Object> model = new HashMap<>();
        notice.model().forEach((key, value) -> model.put(key, localise(value, locale, recipientZone)));
        Context context = new Context(locale, model);
        String name = notice.template().templateName();
        Object[] subjectArgs = notice.subjectArgs().stream().map(arg -> localise(arg, locale, recipientZone)).toArray();
        String subject = messages.getMessage(name + ".subject", subjectArgs, locale);
        String html = templates.process("html/" + name, context);
        String text = templates.process("text/" + name, context);
        return new RenderedMail(locale, subject, text, html);
    }

    /** The zone {@code recipient}'s dates are shown in. */
    public ZoneId zoneOf(Recipient recipient) {
        // the recipient's own locale tag, not the supported one it resolves to: its country names the zone
        return ContactTimeZones.of(recipient.timeZone(), recipient.localeTag(), zone);
    }

    private Object localise(Object value, Locale locale, ZoneId recipientZone) {
        return switch (value) {
            case Instant instant -> formatDate(instant, locale, recipientZone);
            case Enum<?> constant -> messages.getMessage("enum." + constant.getDeclaringClass().getSimpleName()
                    + "." + constant.name(), null, constant.name(), locale);
            case ClaimSnapshot.Product product -> productLabel(product, locale);
            case Collection<?> values -> values.stream().map(item -> localise(item, locale, recipientZone)).toList();
            default -> value;
        };
    }

    private String productLabel(ClaimSnapshot.Product product, Locale locale) {
        String label = messages.getMessage("product." + product.code(), null, product.code(), locale);
        return product.subscriptionId() == null || product.subscriptionId().isBlank() ? label
                : messages.getMessage("product.with-subscription", new Object[]{label, product.subscriptionId()}, locale);
    }

    /** e.g. "December 1, 2026, 11:00 AM (America/New_York)", "1 grudnia 2026 11:00 (Europe/Warsaw)". */
    public String formatDate(Instant instant, Locale locale, ZoneId in) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(in);
        return format.format(instant) + " (" + in.getId() + ")";
    }
}
