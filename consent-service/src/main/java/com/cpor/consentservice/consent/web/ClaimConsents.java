package com.cpor.consentservice.consent.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Schema(description = "The consent windows of one claim (one per approval), oldest first")
record ClaimConsents(
        @Schema(example = "c-01JABCDEF") String claimId,
        List<ConsentWindowResponse> windows) {
}
