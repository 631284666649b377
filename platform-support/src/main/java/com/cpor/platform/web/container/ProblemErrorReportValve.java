package com.cpor.platform.web.container;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Errors Tomcat answers itself, before a request reaches Spring (a malformed or over-long URL, an invalid escape,
 * headers over the limit), as RFC 9457 problem details instead of Tomcat's HTML page: every answer of the API is
 * {@code application/problem+json}, whoever gives it.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    static final String MALFORMED_REQUEST = "urn:cpor:problem:malformed-request";

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(problemJson(status));
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response committed meanwhile: nothing more to tell the client
        }
    }

    /** Fixed texts only: nothing from the refused request is echoed back. */
    static String problemJson(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String type = status == 400 ? MALFORMED_REQUEST : "about:blank";
        String detail = status == 400
                ? "The request could not be read: a malformed or over-long URL, an invalid escape or oversized headers"
                : title;
        return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
    }
}
