package com.cpor.reviewservice.review.web;

import com.cpor.platform.web.ConflictProblem;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.NotFoundProblem;
import com.cpor.platform.web.ProblemDetailsAdvice;
import com.cpor.reviewservice.review.domain.InvalidReviewInputException;
import com.cpor.reviewservice.review.domain.ReviewAction;
import com.cpor.reviewservice.review.domain.ReviewActionNotAllowedException;
import com.cpor.reviewservice.review.domain.ReviewAssignedElsewhereException;
import com.cpor.reviewservice.review.domain.ReviewNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Domain refusals as RFC 9457 problems (rendered like every other platform error). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReviewProblems {

    /** What a missing review's 404 calls it. */
    static final String REVIEW_OF_CLAIM = "Review of claim";

    private final ProblemDetailsAdvice problems;

    ReviewProblems(ProblemDetailsAdvice problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ReviewNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ReviewNotFoundException e) {
        return problems.apiProblem(new NotFoundProblem(REVIEW_OF_CLAIM, e.claimId()));
    }

    @ExceptionHandler(ReviewActionNotAllowedException.class)
    ResponseEntity<ProblemDetail> notAllowed(ReviewActionNotAllowedException e) {
        return problems.apiProblem(new ReviewStateProblem(e.getMessage(), e.status().name(),
                e.claimStatus() == null ? null : e.claimStatus().name(),
                e.allowedActions().stream().map(ReviewAction::apiName).toList()));
    }

    @ExceptionHandler(ReviewAssignedElsewhereException.class)
    ResponseEntity<ProblemDetail> assignedElsewhere(ReviewAssignedElsewhereException e) {
        return problems.apiProblem(new ConflictProblem("review-assigned-elsewhere",
                "Review assigned to another reviewer", e.getMessage()));
    }

    @ExceptionHandler(InvalidReviewInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidReviewInputException e) {
        return problems.apiProblem(new InvalidInputProblem(e.field(), e.getMessage()));
    }
}
