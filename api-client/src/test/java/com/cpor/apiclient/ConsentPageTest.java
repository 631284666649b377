package com.cpor.apiclient;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ConsentPageTest {

    @Test
    void the_csrf_token_is_read_from_the_forms_hidden_field_whatever_the_attribute_order() {
        assertThat(page("<form><input type=\"hidden\" name=\"_csrf\" value=\"t-1\"/></form>").csrfToken())
                .isEqualTo("t-1");
        assertThat(page("<input value=\"t-2\" type=\"hidden\" name=\"_csrf\">").csrfToken()).isEqualTo("t-2");
        assertThat(page("<input name=\"email\" value=\"a@b.example\"><input name=\"_csrf\" value=\"t-3\">")
                .csrfToken()).isEqualTo("t-3");
    }

    @Test
    void a_page_without_the_field_has_no_token() {
        assertThat(page("<form><input name=\"email\" value=\"x\"></form>").csrfToken()).isNull();
        assertThat(page("<input name=\"_csrf\" value=\"\">").csrfToken()).isNull();
        assertThat(page(null).csrfToken()).isNull();
    }

    @Test
    void a_page_of_unclosed_tags_is_read_in_linear_time() {
        String hostile = "<input name=\"_csrf\" ".repeat(20_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(page(hostile).csrfToken()).isNull());
    }

    private static ConsentPage.Page page(String html) {
        return new ConsentPage.Page(200, html);
    }
}
