package com.cpor.notificationservice.notification.domain;

import java.util.List;
import java.util.Locale;

/** The locales notices are written in; anything else (or nothing) falls back to en-US. */
public final class SupportedLocales {

    public static final Locale FALLBACK = Locale.forLanguageTag("en-US");
    public static final List<Locale> ALL = List.of(FALLBACK, Locale.forLanguageTag("zh-CN"),
            Locale.forLanguageTag("ru-RU"), Locale.forLanguageTag("pl-PL"), Locale.forLanguageTag("hu-HU"));

    private SupportedLocales() {
    }

    /** Exact tag first, then the same language (e.g. {@code pl} or {@code pl-XX} → pl-PL), else en-US. */
    public static Locale resolve(String tag) {
        if (tag == null || tag.isBlank()) {
            return FALLBACK;
        }
        Locale requested = Locale.forLanguageTag(tag.trim().replace('_', '-'));
        return ALL.stream().filter(requested::equals).findFirst()
                .or(() -> ALL.stream().filter(l -> l.getLanguage().equals(requested.getLanguage())).findFirst())
                .orElse(FALLBACK);
    }
}
