package com.cpor.console.web;

import com.cpor.console.api.ApiProblemException;
import com.cpor.console.api.ServiceApi;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partner's pages: the claims list (search, filters, sort, CSV), the create form, and the claim page with its
 * documents, comments, history and the actions the claim API allows now.
 */
@Controller
class ClaimPages {

    private static final List<String> SORTS = List.of("createdAt,desc", "updatedAt,desc", "name,asc", "status,asc",
            "customerName,asc");

    private final ServiceApi api;

    ClaimPages(ServiceApi api) {
        this.api = api;
    }

    @GetMapping("/claims")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                @RequestParam(required = false) String solutionArea,
                @RequestParam(defaultValue = "createdAt,desc") String sort,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Map<String, List<String>> filters = filters(q, status, solutionArea, sort);
        Map<String, List<String>> paged = new LinkedHashMap<>(filters);
        paged.put("page", List.of(String.valueOf(Math.max(page, 0))));
        model.addAttribute("result", api.claimPage(paged));
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("solutionArea", solutionArea);
        model.addAttribute("sort", sort);
        model.addAttribute("sorts", SORTS);
        model.addAttribute("statuses", Catalogue.STATUSES);
        model.addAttribute("solutionAreas", Catalogue.SOLUTION_AREAS);
        model.addAttribute("exportQuery", exportQuery(filters));
        return "claims/list";
    }

    @GetMapping("/claims/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                                  @RequestParam(required = false) String solutionArea,
                                  @RequestParam(defaultValue = "createdAt,desc") String sort) {
        ResponseEntity<byte[]> csv = api.claimsCsv(filters(q, status, solutionArea, sort));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"claims.csv\"")
                .body(csv.getBody());
    }

    @GetMapping("/claims/new")
    String newClaim(@AuthenticationPrincipal OidcUser user, Model model) {
        List<String> partnerIds = Me.of(user).partnerIds();
        return form(model, ClaimForm.empty(partnerIds.isEmpty() ? "" : partnerIds.getFirst()), Map.of(), null);
    }

    @PostMapping("/claims/new")
    String create(@ModelAttribute ClaimForm form, Model model) {
        try {
            Map<String, Object> created = api.create(form.toDetails());
            return "redirect:/claims/" + created.get("id");
        } catch (ApiProblemException problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            return form(model, form, problem.fieldErrors(), problem.fieldErrors().isEmpty() ? problem.detail() : null);
        }
    }

    private String form(Model model, ClaimForm form, Map<String, String> errors, String problem) {
        model.addAttribute("locked", Set.of());
        return formPage(model, form, errors, problem, "claims/new");
    }

    private String formPage(Model model, ClaimForm form, Map<String, String> errors, String problem, String page) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        model.addAttribute("solutionAreas", Catalogue.SOLUTION_AREAS);
        model.addAttribute("activities", Catalogue.ACTIVITIES);
        model.addAttribute("products", Catalogue.PRODUCTS);
        model.addAttribute("locales", Catalogue.LOCALES);
        return page;
    }

    @GetMapping("/claims/{id}")
    String claim(@PathVariable String id, Model model) {
        Map<String, Object> claim = api.claim(id);
        model.addAttribute("claim", claim);
        model.addAttribute("comments", api.comments(id));
        model.addAttribute("history", api.history(id));
        model.addAttribute("actions", claim.get("allowedActions"));
        return "claims/show";
    }

    @PostMapping("/claims/{id}/documents")
    String upload(@PathVariable String id, @RequestParam("file") MultipartFile file, RedirectAttributes flash)
            throws IOException {
        byte[] content = file.getBytes();
        return act(id, flash, "document-uploaded", () -> api.upload(id, file.getOriginalFilename(), content));
    }

    @GetMapping("/claims/{id}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String documentId,
                                    @RequestParam(defaultValue = "false") boolean inline) {
        ResponseEntity<byte[]> document = api.document(id, documentId);
        String disposition = document.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        if (inline && disposition != null) {
            disposition = disposition.replaceFirst("^attachment", "inline");
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header("X-Content-Type-Options", "nosniff");
        if (document.getHeaders().getContentType() != null) {
            answer.contentType(document.getHeaders().getContentType());
        }
        if (disposition != null) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION, disposition);
        }
        return answer.body(document.getBody());
    }

    @PostMapping("/claims/{id}/submit")
    String submit(@PathVariable String id, RedirectAttributes flash) {
        return act(id, flash, "submitted", () -> api.claimAction(id, "submit", null));
    }

    @PostMapping("/claims/{id}/withdraw")
    String withdraw(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
                    @RequestParam(defaultValue = "") String text, RedirectAttributes flash) {
        // the reason is a code (WRONG_PARTNER_ID, ...); the text is required by claim-service for OTHER
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        if (!text.isBlank()) {
            body.put("text", text);
        }
        return act(id, flash, "withdrawn", () -> api.claimAction(id, "withdraw", body));
    }

    @PostMapping("/claims/{id}/dispute")
    String dispute(@PathVariable String id, @RequestParam(defaultValue = "") String justification,
                   @RequestParam(required = false) List<String> documentIds, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("justification", justification);
        body.put("documentIds", documentIds == null ? List.of() : documentIds);
        return act(id, flash, "disputed", () -> api.claimAction(id, "dispute", body));
    }

    @PostMapping("/claims/{id}/comments")
    String comment(@PathVariable String id, @RequestParam(defaultValue = "") String text, RedirectAttributes flash) {
        return act(id, flash, "commented", () -> api.claimAction(id, "comments", Map.of("text", text)));
    }

    @GetMapping("/claims/{id}/edit")
    String editForm(@PathVariable String id, Model model) {
        Map<String, Object> claim = api.claim(id);
        if (!(claim.get("allowedActions") instanceof List<?> actions) || !actions.contains("edit")) {
            return "redirect:/claims/" + id;
        }
        return editPage(model, claim, ClaimForm.of(claim), Map.of(), null);
    }

    /**
     * Saves the fields the claim's status lets the partner change, based on the version the form showed; what the
     * API refuses comes back next to its field with the user's input kept (a claim changed meanwhile too: the form
     * then shows the API's explanation and saves on top of the current version when sent again).
     */
    @PostMapping("/claims/{id}/edit")
    String edit(@PathVariable String id, @ModelAttribute ClaimForm form, @RequestParam long version, Model model,
                RedirectAttributes flash) {
        Map<String, Object> claim = api.claim(id);
        try {
            api.edit(id, form.toPatch(claim), version);
            flash.addFlashAttribute("done", "edited");
            return "redirect:/claims/" + id;
        } catch (ApiProblemException problem) {
            if (problem.status() >= 500 || problem.status() == 404) {
                throw problem;
            }
            return editPage(model, claim, form, problem.fieldErrors(),
                    problem.fieldErrors().isEmpty() ? problem.detail() : null);
        }
    }

    private String editPage(Model model, Map<String, Object> claim, ClaimForm form, Map<String, String> errors,
                            String problem) {
        model.addAttribute("claim", claim);
        model.addAttribute("locked", ClaimForm.lockedIn(claim.get("status")));
        model.addAttribute("version", claim.get("version"));
        return formPage(model, form, errors, problem, "claims/edit");
    }

    /** Runs an action and comes back to the claim page with what happened, or what the API refused and why. */
    private static String act(String id, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("done", done);
        } catch (ApiProblemException problem) {
            if (problem.status() >= 500 || problem.status() == 404) {
                throw problem;
            }
            flash.addFlashAttribute("refused", problem.messages());
        }
        return "redirect:/claims/" + id;
    }

    private static Map<String, List<String>> filters(String q, String status, String solutionArea, String sort) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("q", single(q));
        filters.put("status", single(status));
        filters.put("solutionArea", single(solutionArea));
        filters.put("sort", single(SORTS.contains(sort) ? sort : "createdAt,desc"));
        return filters;
    }

    private static List<String> single(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }

    private static String exportQuery(Map<String, List<String>> filters) {
        return org.springframework.web.util.UriComponentsBuilder.fromPath("/claims/export")
                .queryParams(new org.springframework.util.LinkedMultiValueMap<>(filters)).encode().build().toUriString();
    }
}
