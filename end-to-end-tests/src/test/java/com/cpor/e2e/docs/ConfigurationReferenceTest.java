package com.cpor.e2e.docs;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md lists every {@code cpor.*} property a module declares: the configuration processor's
 * metadata of each module (built before this module) is the list of what exists.
 */
class ConfigurationReferenceTest {

    private static final Path HOME = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void every_declared_property_is_in_the_configuration_reference() throws IOException {
        Set<String> declared = declaredProperties();
        Set<String> documented = documentedProperties(Files.readString(HOME.resolve("docs/configuration.md")));

        assertThat(declared).as("properties declared by the modules' @ConfigurationProperties").hasSizeGreaterThan(50);
        assertThat(declared).as("declared but missing from docs/configuration.md").isSubsetOf(documented);
    }

    @Test
    void a_short_form_in_the_reference_counts_from_the_name_before_it() {
        Set<String> documented = documentedProperties("| `cpor.calendar.zone`, `.country` | x | y |\n| `cpor.other` | | |");

        assertThat(documented).contains("cpor.calendar.zone", "cpor.calendar.country", "cpor.other")
                .doesNotContain("cpor.other.country");
    }

    private static Set<String> declaredProperties() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> names = new TreeSet<>();
        List<Path> metadata = new ArrayList<>();
        try (Stream<Path> modules = Files.list(HOME)) {
            modules.map(module -> module.resolve("target/classes/META-INF/spring-configuration-metadata.json"))
                    .filter(Files::exists).forEach(metadata::add);
        }
        for (Path file : metadata) {
            for (JsonNode property : json.readTree(file.toFile()).path("properties")) {
                String name = property.path("name").asString();
                if (name.startsWith("cpor.")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Names in the first column of the tables; {@code `.suffix`} continues the full name before it. */
    static Set<String> documentedProperties(String reference) {
        Set<String> names = new TreeSet<>();
        for (String line : reference.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            String parent = "";
            Matcher code = CODE.matcher(firstCell);
            while (code.find()) {
                String name = code.group(1).trim();
                if (name.startsWith(".") && !parent.isEmpty()) {
                    names.add(parent + name);
                } else if (name.contains(".")) {
                    names.add(name);
                    parent = name.substring(0, name.lastIndexOf('.'));
                }
            }
        }
        return names;
    }
}
