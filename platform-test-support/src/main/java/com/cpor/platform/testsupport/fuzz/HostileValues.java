package com.cpor.platform.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The catalogue of hostile values, as raw JSON fragments (for bodies) and raw URL text (for paths and queries). */
final class HostileValues {

    static final int ONE_MIB = 1024 * 1024;
    /** Nesting far beyond any parser's limit: 10,000 levels. */
    static final int DEEP = 10_000;

    private HostileValues() {
    }

    /** A value to put in place of one field of a JSON body; {@code core} values are always sent. */
    record Json(String label, byte[] bytes, boolean core) {

        /** Control characters and invalid Unicode must be refused (400), never stored. */
        boolean unsafeText() {
            return UNSAFE_TEXT.contains(label);
        }
    }

    /** A raw (already encoded) value for a path segment, query parameter or header. */
    record Raw(String label, String text, boolean core) {

        boolean unsafeText() {
            return UNSAFE_TEXT.contains(label);
        }
    }

    private static final Set<String> UNSAFE_TEXT = Set.of("NUL", "%00", "control characters",
            "encoded control characters", "unpaired high surrogate", "unpaired low surrogate", "invalid UTF-8 bytes");

    /**
     * Replacements for one field of a body whose other fields take {@code spareBytes} less than the body limit,
     * so the oversized string stays just under the limit (the service, not the body filter, must refuse it).
     */
    static List<Json> forField(String type, int otherBytes) {
        List<Json> values = new ArrayList<>();
        int underLimit = Math.max(1024, ONE_MIB - otherBytes - 4096);
        values.add(json("NUL", "\"a\\u0000b\"", true));
        values.add(json("1 MiB string (under the body limit)", "\"" + "x".repeat(underLimit) + "\"", true));
        values.add(json("e-mail backtracking bait", "\"a@" + ".".repeat(40_000) + "@\"", true));
        values.add(json("control characters", "\"a\\u0001\\u0008\\u001b[2J\\u007f\\u0085b\"", false));
        values.add(json("CR LF", "\"line\\r\\nX-Injected: 1\"", false));
        values.add(json("unpaired high surrogate", "\"a\\ud800b\"", true));
        values.add(json("unpaired low surrogate", "\"\\udc00\"", false));
        values.add(new Json("invalid UTF-8 bytes", concat("\"a".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, "b\"".getBytes(StandardCharsets.UTF_8)), false));
        values.add(json("bidi and zero-width", "\"\\u202e\\u200b\\ufeffx\"", false));
        values.add(json("empty string", "\"\"", false));
        values.add(json("blank string", "\" \\t \"", false));
        values.add(json("50,000 'a' then '!'", "\"" + "a".repeat(50_000) + "!\"", false));
        values.add(json("long dotted name", "\"" + ("a".repeat(63) + ".").repeat(1000) + "\"", false));
        values.add(json("injection text", "\"' OR '1'='1 --; ${jndi:ldap://127.0.0.1/a} <script>x</script> ../../etc/passwd %00\"", false));
        values.add(json("number", "12345", "string".equals(type)));
        values.add(json("negative number", "-1", false));
        values.add(json("zero", "0", false));
        values.add(json("2^31", "2147483648", "integer".equals(type)));
        values.add(json("2^63", "9223372036854775808", false));
        values.add(json("-2^63-1", "-9223372036854775809", false));
        values.add(json("1e309", "1e309", "number".equals(type) || "integer".equals(type)));
        values.add(json("-1e309", "-1e309", false));
        values.add(json("fraction", "0.5", false));
        values.add(json("huge exponent", "1e2147483647", false));
        values.add(json("2,000-digit number", "9".repeat(2000), false));
        values.add(json("\"NaN\"", "\"NaN\"", false));
        values.add(json("\"-Infinity\"", "\"-Infinity\"", false));
        values.add(json("true", "true", "string".equals(type)));
        values.add(json("null", "null", false));
        values.add(json("object", "{\"a\":1}", "array".equals(type) || "string".equals(type)));
        values.add(json("array", "[\"a\",1,null]", "object".equals(type)));
        values.add(json("empty object", "{}", false));
        values.add(json("empty array", "[]", false));
        values.add(json("10,000 nested arrays", "[".repeat(DEEP) + "]".repeat(DEEP), true));
        values.add(json("10,000 nested objects", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP), false));
        values.add(json("100,000-element array", "[" + "0,".repeat(99_999) + "0]", "array".equals(type)));
        values.add(json("20,000-key object", object(20_000), false));
        values.add(json("invalid date", "\"2026-02-30T25:61:61Z\"", false));
        values.add(json("far future date", "\"+999999999-12-31T23:59:59Z\"", false));
        return values;
    }

    /** Replacements for a whole JSON body. */
    static List<Json> forBody() {
        List<Json> values = new ArrayList<>();
        values.add(json("empty body", "", true));
        values.add(json("invalid JSON", "{\"a\":", true));
        values.add(json("not JSON at all", "<xml/>", false));
        values.add(json("null", "null", false));
        values.add(json("a string", "\"x\"", false));
        values.add(json("a number", "1e309", false));
        values.add(json("an array", "[{}]", false));
        values.add(json("10,000 nested arrays", "[".repeat(DEEP) + "]".repeat(DEEP), true));
        values.add(json("10,000 nested objects", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP), true));
        values.add(json("duplicate keys", "{\"a\":1,\"a\":2}", false));
        values.add(json("body over the 1 MiB limit", "\"" + "x".repeat(ONE_MIB + 16) + "\"", true));
        values.add(new Json("invalid UTF-8 body", new byte[]{'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'}, false));
        values.add(new Json("UTF-16 body", "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_16), false));
        return values;
    }

    /** Values for a path segment, already percent-encoded where needed. */
    static List<Raw> forPath() {
        List<Raw> values = new ArrayList<>();
        values.add(new Raw("%00", "%00", true));
        values.add(new Raw("a%00b", "a%00b", false));
        values.add(new Raw("encoded control characters", "a%01%08%1B%7F", true));
        values.add(new Raw("encoded CR LF", "a%0D%0AX-Injected:%201", false));
        values.add(new Raw("traversal", "..%2F..%2F..%2Fetc%2Fpasswd", true));
        values.add(new Raw("dot segment", "%2E%2E", false));
        values.add(new Raw("encoded backslash", "..%5C..%5Cwindows", false));
        values.add(new Raw("semicolon parameter", "x;jsessionid=1", false));
        values.add(new Raw("invalid percent-encoding", "%ZZ", true));
        values.add(new Raw("truncated percent-encoding", "a%", false));
        values.add(new Raw("overlong UTF-8", "%C0%AE%C0%AE", false));
        values.add(new Raw("encoded surrogate", "%ED%A0%80", true));
        values.add(new Raw("invalid UTF-8 byte", "%FF", false));
        values.add(new Raw("4,000 characters", "a".repeat(4000), true));
        values.add(new Raw("20,000 characters", "a".repeat(20_000), false));
        values.add(new Raw("SQL text", encode("' OR '1'='1"), false));
        values.add(new Raw("lookup text", encode("${jndi:ldap://127.0.0.1/a}"), false));
        values.add(new Raw("negative number", "-1", false));
        values.add(new Raw("2^63", "9223372036854775808", false));
        values.add(new Raw("nil UUID", "00000000-0000-0000-0000-000000000000", false));
        values.add(new Raw("non-ASCII", encode("ｃ－１２３"), false));
        return values;
    }

    /** Values for a query parameter of the given schema type, already percent-encoded. */
    static List<Raw> forQuery(String type) {
        List<Raw> values = new ArrayList<>();
        values.add(new Raw("%00", "a%00b", true));
        values.add(new Raw("encoded control characters", "a%01%1B%7F", true));
        values.add(new Raw("invalid percent-encoding", "%ZZ", true));
        values.add(new Raw("encoded surrogate", "%ED%A0%80", true));
        values.add(new Raw("invalid UTF-8 byte", "%FF", false));
        values.add(new Raw("empty", "", false));
        values.add(new Raw("4,000 characters", "a".repeat(4000), true));
        values.add(new Raw("20,000 characters", "a".repeat(20_000), false));
        values.add(new Raw("-1", "-1", "integer".equals(type)));
        values.add(new Raw("0", "0", false));
        values.add(new Raw("huge page size", "1000000000", "integer".equals(type)));
        values.add(new Raw("2^31", "2147483648", "integer".equals(type)));
        values.add(new Raw("2^63", "9223372036854775808", false));
        values.add(new Raw("1e309", "1e309", false));
        values.add(new Raw("NaN", "NaN", false));
        values.add(new Raw("text", "abc", !"string".equals(type)));
        values.add(new Raw("fullwidth digit", encode("１"), false));
        values.add(new Raw("invalid date", "2026-02-30T25:61:61Z", false));
        values.add(new Raw("SQL text", encode("' OR '1'='1 --"), false));
        values.add(new Raw("LIKE wildcards", encode("%_\\%"), false));
        values.add(new Raw("regex bait", encode("a@" + ".".repeat(3000) + "@"), false));
        return values;
    }

    /** Values for a header, printable (a header cannot carry CR LF). */
    static List<Raw> forHeader() {
        return List.of(
                new Raw("text", "abc", true),
                new Raw("2^63", "\"9223372036854775808\"", true),
                new Raw("1e309", "\"1e309\"", false),
                new Raw("-1", "W/\"-1\"", false),
                new Raw("4,000 characters", "\"" + "9".repeat(4000) + "\"", false),
                new Raw("many tags", "\"1\", ".repeat(500) + "\"2\"", false));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Json json(String label, String text, boolean core) {
        return new Json(label, text.getBytes(StandardCharsets.UTF_8), core);
    }

    private static String object(int keys) {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < keys; i++) {
            object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        return object.append('}').toString();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
