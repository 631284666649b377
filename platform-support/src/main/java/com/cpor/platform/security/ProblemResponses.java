package com.cpor.platform.security;

import com.cpor.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/** Writes an RFC 9457 problem from a servlet filter, where no controller advice applies. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void write(JsonMapper json, HttpServletResponse response, HttpStatus status, String kind, String title,
                      String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ApiProblem.TYPE_PREFIX + kind));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
