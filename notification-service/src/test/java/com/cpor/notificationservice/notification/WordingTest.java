package com.cpor.notificationservice.notification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer reads the consent e-mail (this service) and the consent page (consent-service) one after the other:
 * both use the same words, and each locale reads as the seed documents' language does (issue 14, item 10).
 */
class WordingTest {

    private static final Path MAIL = Path.of("src", "main", "resources", "mail");
    private static final Path PAGE = Path.of("..", "consent-service", "src", "main", "resources");

    /** The program keys of the page and the mail. */
    private static final Map<String, String> PROGRAM_KEYS = Map.of(
            "program.OSA", "enum.Program.OSA",
            "program.OSU_M365", "enum.Program.OSU_M365",
            "program.OSU_BUSINESS_APPLICATIONS", "enum.Program.OSU_BUSINESS_APPLICATIONS",
            "program.none", "enum.Program.NONE");

    @ParameterizedTest
    @ValueSource(strings = {"", "_zh_CN", "_ru_RU", "_pl_PL", "_hu_HU"})
    void page_and_mail_name_the_incentive_programs_alike(String suffix) throws IOException {
        Properties page = load(PAGE.resolve("messages" + suffix + ".properties"));
        Properties mail = load(MAIL.resolve("messages" + suffix + ".properties"));
        PROGRAM_KEYS.forEach((pageKey, mailKey) -> assertThat(mail.getProperty(mailKey))
                .as("%s of the mail, %s of the page", mailKey, pageKey).isNotNull()
                .isEqualTo(page.getProperty(pageKey)));
    }

    @Test
    void chinese_addresses_the_reader_politely_throughout() throws IOException {
        for (Properties bundle : new Properties[]{load(MAIL.resolve("messages_zh_CN.properties")),
                load(PAGE.resolve("messages_zh_CN.properties"))}) {
            bundle.forEach((key, value) -> assertThat((String) value).as("%s", key).doesNotContain("你"));
        }
    }

    @Test
    void russian_mail_writes_poe_one_way() throws IOException {
        load(MAIL.resolve("messages_ru_RU.properties")).forEach((key, value) ->
                assertThat((String) value).as("%s", key).doesNotContain("PoE"));
    }

    @Test
    void russian_page_introduces_cpor_with_its_russian_acronym_once() throws IOException {
        Properties page = load(PAGE.resolve("messages_ru_RU.properties"));
        long introductions = page.values().stream().mapToInt(value -> ((String) value).split("CPOR \\(КПОР\\)", -1).length - 1)
                .sum();
        assertThat(introductions).isEqualTo(1);
        page.forEach((key, value) -> assertThat(((String) value).replace("CPOR (КПОР)", ""))
                .as("%s", key).doesNotContain("CPOR"));
    }

    @Test
    void polish_puts_consent_and_dates_in_the_proof_of_execution_not_on_it() throws IOException {
        load(MAIL.resolve("messages_pl_PL.properties")).forEach((key, value) ->
                assertThat((String) value).as("%s", key).doesNotContain("na weryfikacji"));
    }

    @Test
    void hungarian_page_and_mail_call_workloads_the_same_and_opting_out_declining() throws IOException {
        Properties page = load(PAGE.resolve("messages_hu_HU.properties"));
        Properties mail = load(MAIL.resolve("messages_hu_HU.properties"));
        assertThat(mail.getProperty("label.products")).isEqualTo(page.getProperty("notice.products"))
                .contains("számítási feladat");
        for (Properties bundle : new Properties[]{page, mail}) {
            bundle.forEach((key, value) -> assertThat((String) value).as("%s", key)
                    .doesNotContain("tevékenységprofil").doesNotContain("lemond"));
        }
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
