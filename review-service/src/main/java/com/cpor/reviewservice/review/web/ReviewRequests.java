package com.cpor.reviewservice.review.web;

import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.reviews.DisputeDecided;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the reviewer actions. */
public final class ReviewRequests {

    private ReviewRequests() {
    }

    @Schema(description = "Approve the claim")
    public record Approve(
            @Size(max = 4000) String comment,
            @Size(max = 4000) @Schema(description = "Required when the review shows a contactDomainWarning: why the "
                    + "customer's opt-out notice may go to that address; recorded in the review and claim history")
            String contactDomainReason) {
    }

    @Schema(description = "Reject the claim with a reviewer reason")
    public record Reject(
            @NotNull @Schema(description = "INSUFFICIENT_POE, MISSING_CUSTOMER_CONSENT_ON_POE, MISSING_PRODUCTS or POE_UNAVAILABLE")
            RejectionReason reason,
            @Size(max = 4000) String comment) {
    }

    @Schema(description = "Ask the partner for more; the partner must resubmit before the response deadline")
    public record RequestPartnerAction(
            @NotEmpty @Size(max = 5) List<@NotNull PartnerActionReason> reasons,
            @NotBlank @Size(max = 4000) String comment,
            @Size(max = 50) @Schema(description = "Product codes the partner should remove") List<@NotBlank String> productsToRemove) {
    }

    @Schema(description = "Decide a dispute: OVERTURN approves the claim, UPHOLD makes the rejection final")
    public record DisputeDecision(
            @NotNull DisputeDecided.Outcome outcome,
            @Size(max = 4000) String comment,
            @Size(max = 4000) @Schema(description = "Required for an OVERTURN when the review shows a "
                    + "contactDomainWarning, as for an approval") String contactDomainReason) {
    }

    @Schema(description = "Hand the review to another reviewer (review leads only)")
    public record Reassign(
            @NotBlank @Size(max = 200) @Schema(description = "Subject (sub) of the reviewer") String reviewerId,
            @Size(max = 300) String reviewerName,
            @Email @Size(max = 320) String reviewerEmail) {
    }
}
