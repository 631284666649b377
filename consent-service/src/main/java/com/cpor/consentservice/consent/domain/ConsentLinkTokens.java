package com.cpor.consentservice.consent.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Customer link tokens: 256 random bits, signed with an HMAC under the deployment's secret, so a guessed or
 * altered token is refused before any lookup. The database keeps only the SHA-256 of the token, which binds
 * it to one window of one claim; a leaked database does not yield working links.
 * Token form: {@code <base64url(32 random bytes)>.<base64url(first 16 bytes of HMAC-SHA256)>}.
 */
public final class ConsentLinkTokens {

    private static final int RANDOM_BYTES = 32;
    private static final int MAC_BYTES = 16;
    private static final String MAC_CONTEXT = "cpor-consent-link:v1:";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random;

    public ConsentLinkTokens(byte[] secret, SecureRandom random) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The consent link secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.random = random;
    }

    public String issue() {
        byte[] nonce = new byte[RANDOM_BYTES];
        random.nextBytes(nonce);
        String randomPart = ENCODER.encodeToString(nonce);
        return randomPart + "." + ENCODER.encodeToString(mac(randomPart));
    }

    /** @return true if the token has the right shape and carries our signature */
    public boolean isAuthentic(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return false;
        }
        int dot = token.indexOf('.');
        // compare the canonical encodings: decoding would ignore the unused low bits of the last character
        String expected = ENCODER.encodeToString(mac(token.substring(0, dot)));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    /** The only form in which a token is stored. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private byte[] mac(String randomPart) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal((MAC_CONTEXT + randomPart).getBytes(StandardCharsets.US_ASCII));
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
