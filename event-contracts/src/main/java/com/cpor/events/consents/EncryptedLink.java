package com.cpor.events.consents;

/**
 * The customer's consent link, encrypted for notification-service (AES-256-GCM, see {@link ConsentLinkCipher}):
 * the link is the customer's credential, so it never travels or rests in clear outside the two services that
 * share the key.
 *
 * @param keyId      which key sealed it (keys rotate: the reader keeps older keys for decryption)
 * @param ciphertext base64url of the 12-byte nonce followed by the ciphertext and the 16-byte tag
 */
public record EncryptedLink(String keyId, String ciphertext) {
}
