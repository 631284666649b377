package com.cpor.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Path variables with control characters (tab and line breaks included) or unpaired surrogates are a 400 naming the
 * variable, before a handler passes them on to a query, a log or a page. Applies to API handlers (JSON); pages
 * judge their own parameters. Query parameters are checked earlier, by {@code SafeQueryFilter}, with
 * {@link #queryErrors(String)}: the query string is decoded strictly rather than through {@code getParameter},
 * which would also parse a form body and, in Tomcat, fail on malformed bytes before any handler runs.
 */
public class SafeParametersInterceptor implements HandlerInterceptor {

    /** Enough to be useful; the container's header size limit bounds the query string itself. */
    private static final int MAX_ERRORS = 10;

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!isApi(handler)) {
            return true; // pages (the consent page) judge their own parameters and answer with a page, not JSON
        }
        List<InvalidInputProblem.FieldError> errors = new ArrayList<>();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(errors, String.valueOf(name), String.valueOf(value)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputProblem(errors);
        }
        return true;
    }

    /** What is wrong with the parameters of a raw query string, parameter by parameter (empty when nothing is). */
    public static List<InvalidInputProblem.FieldError> queryErrors(String query) {
        List<InvalidInputProblem.FieldError> errors = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return errors;
        }
        Set<String> reported = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            if (reported.size() >= MAX_ERRORS) {
                break;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null || SafeText.problemOf(name, false) != null) {
                if (reported.add("query")) {
                    errors.add(new InvalidInputProblem.FieldError("query",
                            "has a parameter name that is not UTF-8 text without control characters"));
                }
                continue;
            }
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            String problem = value == null ? "must be UTF-8 text, percent-encoded" : SafeText.problemOf(value, false);
            if (problem != null && reported.add(name)) {
                errors.add(new InvalidInputProblem.FieldError(name, problem));
            }
        }
        return errors;
    }

    private static boolean isApi(Object handler) {
        return handler instanceof HandlerMethod method
                && (AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                || method.hasMethodAnnotation(ResponseBody.class));
    }

    private static void check(List<InvalidInputProblem.FieldError> errors, String name, String value) {
        String problem = SafeText.problemOf(value, false);
        if (problem != null) {
            errors.add(new InvalidInputProblem.FieldError(name, problem));
        }
    }

    /** application/x-www-form-urlencoded decoding that refuses malformed percent escapes and UTF-8; null if so. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                bytes.put(StandardCharsets.UTF_8.encode(CharBuffer.wrap(new char[]{c})));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
