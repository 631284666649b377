package com.cpor.console.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.util.List;
import java.util.Locale;

/** The five locales of the mails: chosen from the browser's Accept-Language, switchable (?lang=pl-PL, kept in a cookie). */
@Configuration
class WebConfig implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.forLanguageTag("en-US"), Locale.forLanguageTag("zh-CN"),
            Locale.forLanguageTag("ru-RU"), Locale.forLanguageTag("pl-PL"), Locale.forLanguageTag("hu-HU"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver chosen = new CookieLocaleResolver("cpor_lang");
        chosen.setDefaultLocaleFunction(request -> SupportedLocaleResolver.fromBrowser(request, SUPPORTED));
        chosen.setRejectInvalidCookies(true);
        return new SupportedLocaleResolver(chosen, SUPPORTED);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
