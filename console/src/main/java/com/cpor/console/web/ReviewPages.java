package com.cpor.console.web;

import com.cpor.console.api.ApiProblemException;
import com.cpor.console.api.ServiceApi;
import com.cpor.console.config.ConsoleProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reviewer's pages: the queue (most urgent first, SLA state, competing only, assigned to me) and the review page
 * with the PoE preview, the claim, competing claims and the actions review-service allows now.
 */
@Controller
class ReviewPages {

    private final ServiceApi api;
    private final List<ConsoleProperties.Reviewer> reviewers;

    ReviewPages(ServiceApi api, ConsoleProperties properties) {
        this.api = api;
        this.reviewers = properties.reviewers();
    }

    @GetMapping("/reviews")
    String queue(@RequestParam(defaultValue = "false") boolean competingOnly,
                 @RequestParam(defaultValue = "false") boolean assignedToMe, Model model) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("competingOnly", List.of(String.valueOf(competingOnly)));
        filters.put("assignedToMe", List.of(String.valueOf(assignedToMe)));
        model.addAttribute("queue", api.queue(filters));
        model.addAttribute("competingOnly", competingOnly);
        model.addAttribute("assignedToMe", assignedToMe);
        return "reviews/queue";
    }

    @GetMapping("/reviews/{claimId}")
    String review(@PathVariable String claimId, Model model) {
        Map<String, Object> file = api.review(claimId);
        model.addAttribute("file", file);
        model.addAttribute("review", file.get("review"));
        // the documents as claim-service has them now (the review's snapshot names them too)
        model.addAttribute("claim", api.claim(claimId));
        model.addAttribute("partnerActionReasons", Catalogue.PARTNER_ACTION_REASONS);
        model.addAttribute("rejectionReasons", Catalogue.REJECTION_REASONS);
        model.addAttribute("reviewers", reviewers);
        return "reviews/show";
    }

    @PostMapping("/reviews/{claimId}/start")
    String start(@PathVariable String claimId, RedirectAttributes flash) {
        return act(claimId, "start", Map.of(), flash);
    }

    @PostMapping("/reviews/{claimId}/request-partner-action")
    String requestPartnerAction(@PathVariable String claimId, @RequestParam(required = false) List<String> reasons,
                                @RequestParam(defaultValue = "") String comment, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reasons", reasons == null ? List.of() : reasons);
        body.put("comment", comment);
        return act(claimId, "request-partner-action", body, flash);
    }

    /** With the contact-domain warning the API requires the reviewer's reason (spec §8); the page asks for it. */
    @PostMapping("/reviews/{claimId}/approve")
    String approve(@PathVariable String claimId, @RequestParam(defaultValue = "") String comment,
                   @RequestParam(defaultValue = "") String contactDomainReason, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("comment", comment);
        body.put("contactDomainReason", contactDomainReason.isBlank() ? null : contactDomainReason);
        return act(claimId, "approve", body, flash);
    }

    @PostMapping("/reviews/{claimId}/reject")
    String reject(@PathVariable String claimId, @RequestParam(defaultValue = "") String reason,
                  @RequestParam(defaultValue = "") String comment, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason.isBlank() ? null : reason);
        body.put("comment", comment);
        return act(claimId, "reject", body, flash);
    }

    @PostMapping("/reviews/{claimId}/dispute-decision")
    String decideDispute(@PathVariable String claimId, @RequestParam(defaultValue = "") String outcome,
                         @RequestParam(defaultValue = "") String comment,
                         @RequestParam(defaultValue = "") String contactDomainReason, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome.isBlank() ? null : outcome);
        body.put("comment", comment);
        body.put("contactDomainReason", contactDomainReason.isBlank() ? null : contactDomainReason);
        return act(claimId, "dispute-decision", body, flash);
    }

    /**
     * A review lead hands the review to a reviewer chosen from the identity provider's reviewers (their name and
     * e-mail go along, so mails reach them); without a list the lead types a user ID, and a name and e-mail if known.
     */
    @PostMapping("/reviews/{claimId}/reassign")
    String reassign(@PathVariable String claimId, @RequestParam(defaultValue = "") String reviewerId,
                    @RequestParam(defaultValue = "") String reviewerName,
                    @RequestParam(defaultValue = "") String reviewerEmail, RedirectAttributes flash) {
        String id = reviewerId.strip();
        if (id.isEmpty()) {
            flash.addFlashAttribute("refusedKey", "review.reassignMissing");
            return "redirect:/reviews/" + claimId;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewerId", id);
        reviewers.stream().filter(known -> known.id().equals(id)).findFirst().ifPresentOrElse(known -> {
            body.put("reviewerName", known.name());
            body.put("reviewerEmail", known.email());
        }, () -> {
            body.put("reviewerName", reviewerName.isBlank() ? null : reviewerName.strip());
            body.put("reviewerEmail", reviewerEmail.isBlank() ? null : reviewerEmail.strip());
        });
        return act(claimId, "reassign", body, flash);
    }

    @PostMapping("/reviews/{claimId}/comments")
    String comment(@PathVariable String claimId, @RequestParam(defaultValue = "") String text, RedirectAttributes flash) {
        try {
            api.claimAction(claimId, "comments", Map.of("text", text));
            flash.addFlashAttribute("done", "commented");
        } catch (ApiProblemException problem) {
            flash.addFlashAttribute("refused", problem.messages());
        }
        return "redirect:/reviews/" + claimId;
    }

    private String act(String claimId, String action, Map<String, Object> body, RedirectAttributes flash) {
        try {
            api.reviewAction(claimId, action, body);
            flash.addFlashAttribute("done", action);
        } catch (ApiProblemException problem) {
            if (problem.status() >= 500 || problem.status() == 404) {
                throw problem;
            }
            flash.addFlashAttribute("refused", problem.messages());
        }
        return "redirect:/reviews/" + claimId;
    }
}
