package com.cpor.consentservice.consent.web;

import com.cpor.consentservice.config.ConsentLocaleResolver;
import com.cpor.consentservice.config.ConsentPageSecurityConfiguration;
import com.cpor.consentservice.consent.application.ConsentWindows;
import com.cpor.consentservice.consent.application.LinkResolution;
import com.cpor.consentservice.consent.domain.ConsentStatus;
import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.platform.calendar.BusinessCalendar;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.Locale;

/**
 * The customer's consent page, reached from the e-mailed link. GET only shows (mail scanners prefetch links);
 * declining is a POST with a CSRF token. Every outcome is a page in the customer's language with a fitting
 * status: 200 open / declined now, 404 unknown or altered link, 409 already used, 410 expired or closed.
 */
@Hidden
@Controller
@RequestMapping("/consent")
class ConsentPageController {

    private static final Logger log = LoggerFactory.getLogger(ConsentPageController.class);

    private final ConsentWindows consentWindows;
    private final ConsentPageViews views;

    private final MeterRegistry meters;

    ConsentPageController(ConsentWindows consentWindows, MessageSource messages, BusinessCalendar calendar,
                          MeterRegistry meters) {
        this.consentWindows = consentWindows;
        this.views = new ConsentPageViews(messages, calendar.zone());
        this.meters = meters;
    }

    @GetMapping("/{token}")
    String show(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return render(token, consentWindows.resolve(token), model, request, response);
    }

    @PostMapping("/{token}/decline")
    String decline(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        LinkResolution outcome = consentWindows.decline(token, request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT));
        return render(token, outcome, model, request, response);
    }

    /** Someone opened the form's target directly (e.g. reloaded it): show the page, change nothing. */
    @GetMapping("/{token}/decline")
    String declineByGet(@PathVariable String token) {
        return "redirect:/consent/" + token;
    }

    /** Where Spring Security forwards a decline without a valid CSRF token ({@link ConsentPageSecurityConfiguration#REFUSED_PATH}). */
    @RequestMapping("/refused")
    String refused(Model model, HttpServletResponse response, Locale locale) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("lang", locale.toLanguageTag());
        return "consent/refused";
    }

    private String render(String token, LinkResolution resolution, Model model, HttpServletRequest request,
                          HttpServletResponse response) {
        String view = page(token, resolution, model, request, response);
        meters.counter("cpor.consent.pages", "method", request.getMethod(), "page", view.substring(view.indexOf('/') + 1))
                .increment();
        return view;
    }

    private String page(String token, LinkResolution resolution, Model model, HttpServletRequest request,
                        HttpServletResponse response) {
        return switch (resolution) {
            case LinkResolution.Invalid invalid -> {
                if (invalid.tampered()) {
                    log.warn("Refused a consent link that is not ours or was altered (from {})", request.getRemoteAddr());
                }
                response.setStatus(HttpStatus.NOT_FOUND.value());
                model.addAttribute("lang", RequestContextUtils.getLocale(request).toLanguageTag());
                yield "consent/invalid";
            }
            case LinkResolution.Declined declined -> {
                prepare(declined.window(), model, request);
                yield "consent/declined";
            }
            case LinkResolution.Known known -> {
                prepare(known.window(), model, request);
                model.addAttribute("token", token);
                yield switch (known.state()) {
                    case USABLE -> "consent/notice";
                    case ALREADY_USED -> {
                        response.setStatus(HttpStatus.CONFLICT.value());
                        yield "consent/already-used";
                    }
                    case EXPIRED -> {
                        response.setStatus(HttpStatus.GONE.value());
                        model.addAttribute("closedEarly", known.window().status() == ConsentStatus.CLOSED);
                        yield "consent/expired";
                    }
                };
            }
        };
    }

    private void prepare(ConsentWindow window, Model model, HttpServletRequest request) {
        Locale locale = window.customerLocale();
        ConsentLocaleResolver.useCustomerLocale(request, locale);
        model.addAttribute("lang", locale.toLanguageTag());
        model.addAttribute("consent", views.of(window, locale));
    }
}
