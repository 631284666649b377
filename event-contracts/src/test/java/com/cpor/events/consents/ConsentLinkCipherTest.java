package com.cpor.events.consents;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentLinkCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String NEXT_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    private static final String LINK = "https://consent.example/consent/AAAA.BBBB";

    @Test
    void a_sealed_link_opens_for_its_claim_and_shows_nothing_of_the_link() {
        ConsentLinkCipher cipher = new ConsentLinkCipher(KEY, List.of());
        EncryptedLink sealed = cipher.seal(LINK, "c-1");

        assertThat(sealed.keyId()).isEqualTo(cipher.currentKeyId()).startsWith("k-");
        assertThat(sealed.ciphertext()).doesNotContain("consent", "AAAA");
        assertThat(cipher.open(sealed, "c-1")).isEqualTo(LINK);
        assertThat(cipher.seal(LINK, "c-1").ciphertext()).as("fresh nonce each time").isNotEqualTo(sealed.ciphertext());
    }

    @Test
    void a_sealed_link_does_not_open_for_another_claim_or_when_altered() {
        ConsentLinkCipher cipher = new ConsentLinkCipher(KEY, List.of());
        EncryptedLink sealed = cipher.seal(LINK, "c-1");
        char[] altered = sealed.ciphertext().toCharArray();
        altered[20] = altered[20] == 'A' ? 'B' : 'A';

        assertThatThrownBy(() -> cipher.open(sealed, "c-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(LINK);
        assertThatThrownBy(() -> cipher.open(new EncryptedLink(sealed.keyId(), new String(altered)), "c-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void after_a_rotation_links_sealed_with_the_previous_key_still_open_and_unknown_keys_are_named() {
        EncryptedLink sealedBefore = new ConsentLinkCipher(KEY, List.of()).seal(LINK, "c-1");
        ConsentLinkCipher rotated = new ConsentLinkCipher(NEXT_KEY, List.of(KEY));

        assertThat(rotated.open(sealedBefore, "c-1")).isEqualTo(LINK);
        assertThat(rotated.seal(LINK, "c-1").keyId()).isNotEqualTo(sealedBefore.keyId());
        assertThatThrownBy(() -> new ConsentLinkCipher(NEXT_KEY, List.of()).open(sealedBefore, "c-1"))
                .hasMessageContaining(sealedBefore.keyId());
    }

    @Test
    void keys_must_be_base64_of_32_bytes_and_the_message_never_shows_them() {
        assertThat(ConsentLinkCipher.isValidKey(KEY)).isTrue();
        assertThat(ConsentLinkCipher.isValidKey("c2hvcnQ=")).isFalse();
        assertThat(ConsentLinkCipher.isValidKey("not base64!")).isFalse();
        assertThatThrownBy(() -> new ConsentLinkCipher("c2hvcnQ=", List.of()))
                .hasMessageContaining("32 bytes").hasMessageNotContaining("c2hvcnQ=");
    }
}
