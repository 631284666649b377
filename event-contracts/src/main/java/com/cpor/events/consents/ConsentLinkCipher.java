package com.cpor.events.consents;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals the customer's consent link for the mailer: AES-256-GCM with a key shared by consent-service (which seals)
 * and notification-service (which opens it right before the mail goes out). The claim id is authenticated with it,
 * so a sealed link cannot be replayed onto another claim's notice. The key id is derived from the key (so the two
 * services cannot disagree about it) and travels with the ciphertext: after a rotation the reader still opens
 * links sealed with the keys it lists as previous.
 * <p>
 * Keys are base64 of 32 random bytes ({@code openssl rand -base64 32}).
 */
public final class ConsentLinkCipher {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String AAD_PREFIX = "cpor.consent-link|";

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param currentKey   base64 of 32 bytes: seals new links and opens them
     * @param previousKeys older keys (base64), only for opening links sealed before a rotation
     * @throws IllegalArgumentException if a key is not base64 of 32 bytes (the message never shows the key)
     */
    public ConsentLinkCipher(String currentKey, List<String> previousKeys) {
        byte[] current = decodeKey(currentKey);
        this.currentKeyId = keyIdOf(current);
        keys.put(currentKeyId, new SecretKeySpec(current, "AES"));
        for (String previous : previousKeys == null ? List.<String>of() : previousKeys) {
            if (previous != null && !previous.isBlank()) {
                byte[] key = decodeKey(previous);
                keys.putIfAbsent(keyIdOf(key), new SecretKeySpec(key, "AES"));
            }
        }
    }

    /** Whether a value is usable as a key: base64 of exactly 32 bytes. */
    public static boolean isValidKey(String base64) {
        try {
            decodeKey(base64);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** The id a key is known by: the first 8 bytes of its SHA-256, in hex (reveals nothing usable). */
    public static String keyIdOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "k-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public EncryptedLink seal(String link, String claimId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, claimId);
            byte[] sealed = cipher.doFinal(link.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return new EncryptedLink(currentKeyId, Base64.getUrlEncoder().withoutPadding().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * @throws IllegalArgumentException if the key is not known here or the ciphertext (or claim id) was altered
     */
    public String open(EncryptedLink sealed, String claimId) {
        if (sealed == null || sealed.keyId() == null || sealed.ciphertext() == null) {
            throw new IllegalArgumentException("No encrypted consent link");
        }
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalArgumentException("Consent link sealed with key " + sealed.keyId()
                    + ", which is not configured here (current " + currentKeyId + ")");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed.ciphertext());
            if (in.length <= NONCE_BYTES) {
                throw new IllegalArgumentException("Encrypted consent link too short");
            }
            byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, claimId);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException tampered) {
            throw new IllegalArgumentException("Encrypted consent link fails authentication (altered, or another claim)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Encrypted consent link cannot be decrypted: " + e.getClass().getSimpleName());
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String claimId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((AAD_PREFIX + claimId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decodeKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("No consent-link encryption key");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("A consent-link encryption key must be base64 (of 32 random bytes)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A consent-link encryption key must be 32 bytes (AES-256), not "
                    + key.length);
        }
        return key;
    }
}
