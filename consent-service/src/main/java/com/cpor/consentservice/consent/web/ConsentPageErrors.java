package com.cpor.consentservice.consent.web;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.Locale;

/** A customer never sees a stack trace or a JSON problem: failures of the pages are a page too. */
@ControllerAdvice(assignableTypes = ConsentPageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsentPageErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsentPageErrors.class);

    @ExceptionHandler(Exception.class)
    String unexpected(Exception failure, Model model, HttpServletResponse response, Locale locale) {
        log.error("Consent page failed", failure);
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("lang", locale.toLanguageTag());
        return "consent/unavailable";
    }
}
