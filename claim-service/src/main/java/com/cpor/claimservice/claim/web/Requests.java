package com.cpor.claimservice.claim.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Bodies of the claim actions. */
final class Requests {

    private Requests() {
    }

    @Schema(description = "Withdraw the claim (partner request, final)")
    record Withdraw(@Schema(example = "Wrong MPN ID", requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
    }

    @Schema(description = "Dispute a rejection: a business justification and/or ids of updated documents")
    record Dispute(String justification, List<String> documentIds) {
    }

    @Schema(description = "A comment on the claim thread")
    record NewComment(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String text) {
    }
}
