package com.cpor.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} precondition of a write to a versioned resource (RFC 9110 §13.1.1), against the strong ETag
 * {@code "<version>"} its representations carry. A controller method takes an {@code IfMatch} parameter (resolved
 * from the header; the OpenAPI document gets the header and the 412/428 answers from it) and calls
 * {@link #check} with the version it loaded for the change, inside the change's transaction.
 * <p>
 * {@link Required} on the parameter makes the header mandatory (428 without it): for writes that overwrite fields,
 * where a client writing from an old read would silently undo someone else's change. State transitions leave it
 * optional: the state machine refuses a transition that no longer applies.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    /** Makes the header mandatory: a write without it is refused with 428. */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    public @interface Required {
    }

    /** One entity-tag of the list: W/ prefix (weak) and the opaque part between the quotes. */
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E]*)\"\\s*(,|$)");

    private final boolean required;
    private final boolean present;
    private final boolean any;
    private final List<String> strongTags;

    private IfMatch(boolean required, boolean present, boolean any, List<String> strongTags) {
        this.required = required;
        this.present = present;
        this.any = any;
        this.strongTags = List.copyOf(strongTags);
    }

    /**
     * @param header the header's value, null when absent
     * @throws InvalidInputProblem (400 naming If-Match) when the value is not {@code *} or a list of entity-tags
     */
    public static IfMatch of(String header, boolean required) {
        if (header == null || header.isBlank()) {
            return new IfMatch(required, false, false, List.of());
        }
        if (header.strip().equals("*")) {
            return new IfMatch(required, true, true, List.of());
        }
        List<String> strong = new ArrayList<>();
        Matcher matcher = TAG.matcher(header);
        int end = 0;
        // each tag is matched where the previous one ended (lookingAt): find() would retry from every later
        // position, quadratic in a header that stops matching early, e.g. a tag followed by 8 KiB of spaces
        while (end < header.length() && matcher.region(end, header.length()).lookingAt()) {
            if (matcher.group(1) == null) {
                strong.add(matcher.group(2)); // a weak tag never matches: If-Match compares strongly
            }
            end = matcher.end();
        }
        if (end != header.length()) {
            throw new InvalidInputProblem(HEADER, "must be * or the resource's ETag as it was sent, e.g. \"7\"");
        }
        return new IfMatch(required, true, false, strong);
    }

    /** The strong ETag of a resource at this version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @param resource what the client writes, for the problem's detail ("claim")
     * @throws PreconditionRequiredProblem 428 when the header is required and absent
     * @throws PreconditionFailedProblem   412 when it names no current ETag of the resource
     */
    public void check(String resource, long currentVersion) {
        if (!present) {
            if (required) {
                throw new PreconditionRequiredProblem(resource);
            }
            return;
        }
        if (!any && !strongTags.contains(Long.toString(currentVersion))) {
            throw new PreconditionFailedProblem(resource, etag(currentVersion));
        }
    }

    public boolean required() {
        return required;
    }
}
