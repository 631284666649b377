package com.cpor.console.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page is the user's work list: the claims for partners, the review queue for reviewers. */
@Controller
class HomePages {

    @GetMapping("/")
    String home(@AuthenticationPrincipal OidcUser user) {
        return Me.of(user).reviewer() ? "redirect:/reviews" : "redirect:/claims";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }
}
