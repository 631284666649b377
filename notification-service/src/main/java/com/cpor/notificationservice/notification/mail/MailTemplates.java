package com.cpor.notificationservice.notification.mail;

import org.springframework.context.MessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The template engine for notices: {@code mail/html/*.html} (HTML) and {@code mail/text/*.txt} (plain text). */
public final class MailTemplates {

    private MailTemplates() {
    }

    public static SpringTemplateEngine engine(MessageSource messages) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver("html/*", ".html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver("text/*", ".txt", TemplateMode.TEXT, 2));
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, String suffix, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(suffix);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        return resolver;
    }
}
