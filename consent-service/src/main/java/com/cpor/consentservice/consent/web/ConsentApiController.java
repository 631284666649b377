package com.cpor.consentservice.consent.web;

import com.cpor.consentservice.consent.application.ConsentWindows;
import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.platform.web.NotFoundProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Staff view of a claim's consent windows. Never exposes link tokens (they are not even stored). */
@RestController
@RequestMapping("/api/v1/consents")
@Tag(name = "Consents", description = "The customer's opt-out windows of a claim")
class ConsentApiController {

    private final ConsentWindows consentWindows;

    ConsentApiController(ConsentWindows consentWindows) {
        this.consentWindows = consentWindows;
    }

    @GetMapping("/{claimId}")
    @PreAuthorize("hasAnyRole('STAFF','REVIEW_LEAD')")
    @Operation(summary = "Consent windows of a claim, oldest first",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The claim's consent windows"),
                    @ApiResponse(responseCode = "401", description = "No valid bearer token"),
                    @ApiResponse(responseCode = "403", description = "Caller is neither STAFF nor REVIEW_LEAD"),
                    @ApiResponse(responseCode = "404", description = "No consent window was ever opened for the claim")})
    ClaimConsents consentsOf(@Parameter(description = "Claim id") @PathVariable String claimId) {
        List<ConsentWindow> windows = consentWindows.windowsOf(claimId);
        if (windows.isEmpty()) {
            throw new NotFoundProblem("Consent windows of claim", claimId);
        }
        return new ClaimConsents(claimId, windows.stream().map(ConsentWindowResponse::of).toList());
    }
}
