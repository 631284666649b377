package com.cpor.console;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page text is translated in every locale, and every message key a template names exists. */
class ConsoleMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"zh_CN", "ru_RU", "pl_PL", "hu_HU"})
    void every_english_text_is_translated(String locale) throws Exception {
        Set<String> english = keys("messages.properties");
        english.removeIf(key -> key.startsWith("product."));   // product names are the same in every language
        assertThat(keys("messages_" + locale + ".properties")).containsAll(english);
    }

    @org.junit.jupiter.api.Test
    void every_key_named_by_a_template_exists() throws Exception {
        Set<String> english = keys("messages.properties");
        Pattern key = Pattern.compile("#\\{([a-zA-Z.]+)[(}]");
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                key.matcher(Files.readString(template)).results().forEach(match ->
                        assertThat(english).as("%s in %s", match.group(1), template).contains(match.group(1)));
            }
        }
    }

    private static Set<String> keys(String bundle) throws Exception {
        Properties properties = new Properties();
        try (var in = ConsoleMessagesTest.class.getClassLoader().getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new HashSet<>(properties.stringPropertyNames());
    }
}
