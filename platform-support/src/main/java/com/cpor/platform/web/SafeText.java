package com.cpor.platform.web;

/**
 * Text a client may send: no control characters (PostgreSQL refuses NUL, and the others only hide things from
 * readers) and no unpaired UTF-16 surrogates (they cannot be stored as UTF-8). One linear pass, no pattern.
 */
public final class SafeText {

    private SafeText() {
    }

    /**
     * @param allowLineBreaks whether tab, line feed and carriage return are allowed (free text in a JSON body)
     * @return what is wrong with {@code value}, or null when it is fine
     */
    public static String problemOf(String value, boolean allowLineBreaks) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode text (found an unpaired surrogate at position " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode text (found an unpaired surrogate at position " + i + ")";
            }
            if (isControl(c) && !(allowLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                return "must not contain control characters (found U+" + String.format("%04X", (int) c)
                        + " at position " + i + ")";
            }
        }
        return null;
    }

    /** C0 controls, DEL and C1 controls. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }
}
