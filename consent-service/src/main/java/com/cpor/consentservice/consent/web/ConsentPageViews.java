package com.cpor.consentservice.consent.web;

import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.consentservice.consent.domain.Declination;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ContactTimeZones;
import org.springframework.context.MessageSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * Turns a window into what the page shows, with names and dates in the customer's language and time zone (the
 * customer contact's own zone, else its locale's country's, else the deployment's; the zone is named after the date).
 */
final class ConsentPageViews {

    private final MessageSource messages;
    private final ZoneId zone;

    ConsentPageViews(MessageSource messages, ZoneId zone) {
        this.messages = messages;
        this.zone = zone;
    }

    ConsentPageView of(ConsentWindow window, Locale locale) {
        ClaimSnapshot claim = window.claim();
        ZoneId customerZone = ContactTimeZones.of(claim.customerContact(), zone);
        ClaimSnapshot.Contact partnerContact = claim.partnerContact();
        ClaimSnapshot.Customer customer = claim.customer();
        List<ConsentPageView.ProductLine> products = claim.products() == null ? List.of() : claim.products().stream()
                .map(product -> new ConsentPageView.ProductLine(product.code(),
                        messages.getMessage("product." + product.code(), null, product.code(), locale),
                        product.subscriptionId()))
                .toList();
        String program = claim.program() == null
                ? messages.getMessage("program.none", null, locale)
                : messages.getMessage("program." + claim.program().name(), null, claim.program().name(), locale);
        Declination declination = window.declination();
        ClaimSnapshot.PartnerOrganisation organisation = claim.partnerOrganisation();
        String organisationName = organisation == null || organisation.name() == null || organisation.name().isBlank()
                ? null : organisation.name();
        return new ConsentPageView(window.consentId(), window.status().name(),
                claim.partnerId(),
                organisationName,
                organisationName == null ? claim.partnerId() : organisationName + " (MPN " + claim.partnerId() + ")",
                partnerContact == null ? null : partnerContact.name(),
                partnerContact == null ? null : partnerContact.email(),
                customer == null ? null : customer.name(),
                customer == null ? null : customer.domain(),
                customer == null ? null : customer.tenantId(),
                products, program,
                window.windowEndsAt().toString(), format(window.windowEndsAt(), locale, customerZone),
                window.closedAt() == null ? null : format(window.closedAt(), locale, customerZone),
                declination == null ? null : format(declination.at(), locale, customerZone),
                declination == null ? null : declination.recipientEmail());
    }

    private static String format(Instant instant, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                .format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
