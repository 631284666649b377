package com.cpor.consentservice.config;

import com.cpor.consentservice.consent.domain.ConsentWindow;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import java.util.List;
import java.util.Locale;

/**
 * The page speaks the customer's language (the claim's customer contact locale) once the link is known;
 * before that (unknown or altered links) the browser's Accept-Language among the supported locales; else en-US.
 */
public class ConsentLocaleResolver extends AcceptHeaderLocaleResolver {

    private static final String CUSTOMER_LOCALE = ConsentLocaleResolver.class.getName() + ".customerLocale";

    public ConsentLocaleResolver() {
        setSupportedLocales(List.of(Locale.forLanguageTag("en-US"), Locale.forLanguageTag("zh-CN"),
                Locale.forLanguageTag("ru-RU"), Locale.forLanguageTag("pl-PL"), Locale.forLanguageTag("hu-HU")));
        setDefaultLocale(ConsentWindow.FALLBACK_LOCALE);
    }

    public static void useCustomerLocale(HttpServletRequest request, Locale locale) {
        request.setAttribute(CUSTOMER_LOCALE, locale);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CUSTOMER_LOCALE) instanceof Locale customer) {
            return customer;
        }
        return super.resolveLocale(request);
    }
}
