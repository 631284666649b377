package com.cpor.notificationservice.notification;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Each locale bundle translates every sentence of the fallback bundle (product names are brands, not translated). */
class MessageBundlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"zh_CN", "ru_RU", "pl_PL", "hu_HU"})
    void locale_bundle_has_every_key_of_the_fallback_bundle(String suffix) throws IOException {
        Set<String> expected = new TreeSet<>(load("mail/messages.properties").stringPropertyNames());
        expected.removeIf(key -> key.startsWith("product.") && !key.equals("product.with-subscription"));

        Set<String> translated = load("mail/messages_" + suffix + ".properties").stringPropertyNames();

        assertThat(translated).containsAll(expected);
        assertThat(expected).containsAll(translated);
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
