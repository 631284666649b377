package com.cpor.console.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;

import java.util.List;
import java.util.Locale;

/** Keeps the console in one of its locales whatever a cookie or ?lang= says (an unknown one falls back to en-US). */
final class SupportedLocaleResolver implements LocaleResolver {

    private final LocaleResolver delegate;
    private final List<Locale> supported;

    SupportedLocaleResolver(LocaleResolver delegate, List<Locale> supported) {
        this.delegate = delegate;
        this.supported = supported;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return closest(delegate.resolveLocale(request));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        delegate.setLocale(request, response, locale == null ? null : closest(locale));
    }

    /**
     * The browser's most preferred language the console has, country or not ("pl" and "pl-PL" both give pl-PL;
     * Spring's AcceptHeaderLocaleResolver matches a bare language only to a supported locale without country).
     */
    static Locale fromBrowser(HttpServletRequest request, List<Locale> supported) {
        if (request.getHeader("Accept-Language") != null) {
            for (Locale wanted : java.util.Collections.list(request.getLocales())) {
                for (Locale offered : supported) {
                    if (offered.getLanguage().equals(wanted.getLanguage())) {
                        return supported.contains(wanted) ? wanted : offered;
                    }
                }
            }
        }
        return supported.getFirst();
    }

    private Locale closest(Locale locale) {
        if (supported.contains(locale)) {
            return locale;
        }
        return supported.stream().filter(s -> s.getLanguage().equals(locale.getLanguage())).findFirst()
                .orElse(supported.getFirst());
    }
}
