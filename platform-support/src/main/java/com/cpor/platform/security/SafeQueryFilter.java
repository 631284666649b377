package com.cpor.platform.security;

import com.cpor.platform.web.ApiProblem;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.SafeParametersInterceptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Query parameters with control characters (tab and line breaks included), malformed percent escapes or invalid
 * UTF-8 are a 400 naming the parameter, before anything parses them: the container fails on malformed bytes the
 * first time anyone (a filter, a debug log) asks for a parameter, and NUL would otherwise reach the database.
 */
public class SafeQueryFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public SafeQueryFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<InvalidInputProblem.FieldError> errors = SafeParametersInterceptor.queryErrors(request.getQueryString());
        if (errors.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        InvalidInputProblem invalid = new InvalidInputProblem(errors);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        problem.setType(URI.create(ApiProblem.TYPE_PREFIX + "invalid-input"));
        problem.setTitle(invalid.title());
        invalid.properties().forEach(problem::setProperty);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
