package com.cpor.platform.security;

import com.cpor.platform.web.BufferedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Locale;

/**
 * Refuses request bodies above their limit with 413 before anything parses them, on every path, public ones (the
 * consent page) included:
 * <ul>
 *   <li>JSON and other bodies: by the declared {@code Content-Length}, and for chunked bodies by reading at most the
 *   limit first;</li>
 *   <li>form posts ({@code application/x-www-form-urlencoded}), which the container parses from its own stream when
 *   anyone asks for a parameter (the CSRF check does): by the declared length against the smaller form limit; a
 *   form post that does not declare its length is refused with 411;</li>
 *   <li>multipart bodies: by the declared length against the multipart limit
 *   ({@code spring.servlet.multipart.max-request-size}); chunked ones are counted by the container while it streams
 *   them to disk (413 through {@code MaxUploadSizeExceededException}).</li>
 * </ul>
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long maxFormBytes;
    private final long maxMultipartBytes;
    private final JsonMapper json;

    public RequestBodyLimitFilter(long maxBytes, JsonMapper json) {
        this(maxBytes, maxBytes, Long.MAX_VALUE, json);
    }

    public RequestBodyLimitFilter(long maxBytes, long maxFormBytes, long maxMultipartBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.maxFormBytes = maxFormBytes;
        this.maxMultipartBytes = maxMultipartBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (isMultipart(request)) {
            if (declared > maxMultipartBytes) {
                refuse(response, maxMultipartBytes);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (isForm(request)) {
            if (declared > maxFormBytes) {
                refuse(response, maxFormBytes);
                return;
            }
            if (declared < 0 && hasBody(request)) {
                ProblemResponses.write(json, response, HttpStatus.LENGTH_REQUIRED, "length-required",
                        "Length required", "A form post must declare its Content-Length");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (declared > maxBytes) {
            refuse(response, maxBytes);
            return;
        }
        if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // chunked: read at most one byte past the limit, so memory stays bounded by the limit
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                refuse(response, maxBytes);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, long limit) throws IOException {
        ProblemResponses.write(json, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "Payload too large", "The request body may have at most " + limit + " bytes");
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** Chunked (HTTP/1.1), or HTTP/2 without a declared length; HTTP/1.1 without either has no body. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (request.getProtocol() != null && request.getProtocol().startsWith("HTTP/2"));
    }
}
