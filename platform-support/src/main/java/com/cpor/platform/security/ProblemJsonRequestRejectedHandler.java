package com.cpor.platform.security;

import com.cpor.platform.web.ApiProblem;
import com.cpor.platform.web.InvalidInputProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A URL the firewall refuses (an encoded NUL, backslash or slash in the path, a path that is not normalised) is a
 * 400 problem naming the path, like every other invalid input, instead of a bare status.
 */
public class ProblemJsonRequestRejectedHandler implements RequestRejectedHandler {

    private final JsonMapper json;

    public ProblemJsonRequestRejectedHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "path: must not contain NUL, control characters, encoded slashes or backslashes, or dot segments");
        problem.setType(URI.create(ApiProblem.TYPE_PREFIX + "invalid-input"));
        problem.setTitle("Invalid input");
        problem.setProperty("errors", List.of(new InvalidInputProblem.FieldError("path",
                "must not contain NUL, control characters, encoded slashes or backslashes, or dot segments")));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
