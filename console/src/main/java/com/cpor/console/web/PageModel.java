package com.cpor.console.web;

import com.cpor.console.api.ApiProblemException;
import com.cpor.console.api.SignInRequiredException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page shows (the user, the current path for the language switcher) and how API refusals look. */
@ControllerAdvice
class PageModel {

    private final Times times;

    PageModel(Times times) {
        this.times = times;
    }

    @ModelAttribute("me")
    Me me(@AuthenticationPrincipal OidcUser user) {
        return user == null ? null : Me.of(user);
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /**
     * The zone a page read with GET shows its times in: console.js asks for the page once more in the browser's zone
     * when they differ (the first page after sign-in, before the browser has told its zone); pages answering a
     * form post have none (no reload would send the form again).
     */
    @ModelAttribute("pageZone")
    String pageZone(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) ? times.zone().getId() : null;
    }

    /** A page the API does not let this user see (or that does not exist) is a 404/403 page, not a stack trace. */
    @ExceptionHandler(ApiProblemException.class)
    String refused(ApiProblemException problem, HttpServletRequest request, HttpServletResponse response, Model model,
                   @AuthenticationPrincipal OidcUser user) {
        response.setStatus(problem.status());
        model.addAttribute("path", request.getRequestURI());
        model.addAttribute("me", user == null ? null : Me.of(user));
        model.addAttribute("status", problem.status());
        model.addAttribute("detail", problem.detail());
        return "problem";
    }

    /** The session's token expired or was refused: sign in again and come back to this page. */
    @ExceptionHandler(SignInRequiredException.class)
    String signInAgain(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:" + ServletUriComponentsBuilder.fromRequest(request).replaceQuery(null).build().getPath();
    }
}
