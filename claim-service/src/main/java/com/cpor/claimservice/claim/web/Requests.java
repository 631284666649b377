package com.cpor.claimservice.claim.web;

import com.cpor.events.WithdrawalReason;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Bodies of the claim actions. */
final class Requests {

    private Requests() {
    }

    @Schema(description = "Withdraw the claim (partner request, final), with a reason code; OTHER needs a text")
    record Withdraw(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "WRONG_PARTNER_ID (wrong MPN / partner "
                    + "location ID), WRONG_ACTIVITY (wrong activity or program), NO_LONGER_WORKING_WITH_CUSTOMER, "
                    + "OTHER (explain in text)") WithdrawalReason reason,
            @Schema(description = "The partner's words; required for OTHER", example = "The customer merged into Fabrikam")
            String text) {
    }

    @Schema(description = "Dispute a rejection: a business justification and/or ids of updated documents")
    record Dispute(String justification, List<String> documentIds) {
    }

    @Schema(description = "A comment on the claim thread")
    record NewComment(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String text) {
    }
}
