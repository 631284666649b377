package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.domain.ActionNotAllowedException;
import com.cpor.claimservice.claim.domain.ClaimAction;
import com.cpor.claimservice.claim.domain.FieldsNotEditableException;
import com.cpor.claimservice.claim.domain.InvalidClaimException;
import com.cpor.claimservice.claim.domain.ProductsToRemoveException;
import com.cpor.platform.web.ApiProblem;
import com.cpor.platform.web.ConflictProblem;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.InvalidStateProblem;
import com.cpor.platform.web.ProblemDetailsAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** The domain's refusals as RFC 9457 problems: 400 naming fields, 409 naming status and allowed actions. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClaimProblemAdvice {

    private final ProblemDetailsAdvice problems = new ProblemDetailsAdvice();

    @ExceptionHandler(InvalidClaimException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidClaimException e) {
        return render(new InvalidInputProblem(e.violations().stream()
                .map(v -> new InvalidInputProblem.FieldError(v.field(), v.message())).toList()));
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
