package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.application.ClaimConflictException;
import com.cpor.claimservice.claim.application.DocumentRefusedException;
import com.cpor.claimservice.claim.application.InvalidRequestException;
import com.cpor.claimservice.claim.application.NotFoundException;
import com.cpor.claimservice.claim.domain.ActionNotAllowedException;
import com.cpor.claimservice.claim.domain.ClaimAction;
import com.cpor.claimservice.claim.domain.FieldsNotEditableException;
import com.cpor.claimservice.claim.domain.InvalidClaimException;
import com.cpor.claimservice.claim.domain.ProductsToRemoveException;
import com.cpor.platform.web.ApiProblem;
import com.cpor.platform.web.ConflictProblem;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.InvalidStateProblem;
import com.cpor.platform.web.NotFoundProblem;
import com.cpor.platform.web.PayloadTooLargeProblem;
import com.cpor.platform.web.ProblemDetailsAdvice;
import com.cpor.platform.web.UnsupportedMediaTypeProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/**
 * The domain's and the use cases' refusals as RFC 9457 problems: 400 naming fields, 404, 409 naming status and
 * allowed actions or the conflict, 413, 415. The problem types are part of the API: keep them as they are.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClaimProblemAdvice {

    private final ProblemDetailsAdvice problems = new ProblemDetailsAdvice();

    @ExceptionHandler(InvalidClaimException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidClaimException e) {
        return render(new InvalidInputProblem(e.violations().stream()
                .map(v -> new InvalidInputProblem.FieldError(v.field(), v.message())).toList()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return render(new InvalidInputProblem(e.violations().stream()
                .map(v -> new InvalidInputProblem.FieldError(v.field(), v.message())).toList()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return render(new NotFoundProblem(e.what(), e.id()));
    }

    /** Each conflict keeps its own problem type ({@code urn:cpor:problem:<kind>}) and title. */
    @ExceptionHandler(ClaimConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ClaimConflictException e) {
        return render(switch (e.conflict()) {
            case DUPLICATE_ACTIVE_CLAIM -> new ConflictProblem("duplicate-active-claim",
                    "Partner already has an active claim", e.getMessage());
            case DOCUMENT_LIMIT -> new ConflictProblem("document-limit", "Too many documents", e.getMessage());
            case COMMENT_LIMIT -> new ConflictProblem("comment-limit", "Too many comments", e.getMessage());
            case PARTNER_ID_TAKEN -> new ConflictProblem("partner-id-taken", "Partner ID held by another organisation",
                    e.getMessage());
            case PARTNER_ID_IN_USE -> new ConflictProblem("partner-id-in-use", "Location ID named by claims",
                    e.getMessage());
        });
    }

    @ExceptionHandler(DocumentRefusedException.class)
    ResponseEntity<ProblemDetail> documentRefused(DocumentRefusedException e) {
        return render(switch (e.reason()) {
            case TOO_LARGE -> new PayloadTooLargeProblem(e.getMessage());
            case UNSUPPORTED_TYPE -> new UnsupportedMediaTypeProblem(e.getMessage());
        });
    }

    @ExceptionHandler(FieldsNotEditableException.class)
    ResponseEntity<ProblemDetail> notEditable(FieldsNotEditableException e) {
        return render(new InvalidInputProblem(e.fields().stream()
                .map(f -> new InvalidInputProblem.FieldError(f, "cannot be changed while the claim is " + e.status()))
                .toList()));
    }

    @ExceptionHandler(ActionNotAllowedException.class)
    ResponseEntity<ProblemDetail> notAllowed(ActionNotAllowedException e) {
        return render(new InvalidStateProblem(e.getMessage() + " (the claim is " + e.status() + ")",
                e.status().name(), e.allowedActions().stream().map(ClaimAction::wireName).toList()));
    }

    /** 409 naming the products the reviewer asked to remove that the claim still lists ({@code products}). */
    @ExceptionHandler(ProductsToRemoveException.class)
    ResponseEntity<ProblemDetail> productsToRemove(ProductsToRemoveException e) {
        return render(new ConflictProblem("products-to-remove", "Products the reviewer asked to remove are still claimed",
                e.getMessage()) {
            @Override
            public Map<String, Object> properties() {
                return Map.of("products", e.products());
            }
        });
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrent(OptimisticLockingFailureException e) {
        return render(new ConflictProblem("concurrent-change", "Changed concurrently",
                "The claim changed while this request was handled; reload it and try again"));
    }

    private ResponseEntity<ProblemDetail> render(ApiProblem problem) {
        return problems.apiProblem(problem);
    }
}
