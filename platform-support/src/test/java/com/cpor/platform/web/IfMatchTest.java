package com.cpor.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class IfMatchTest {

    @Test
    void the_current_etag_passes_and_another_is_refused_with_412_naming_the_current_one() {
        assertThatCode(() -> IfMatch.of("\"7\"", true).check("claim", 7)).doesNotThrowAnyException();
        assertThatThrownBy(() -> IfMatch.of("\"6\"", true).check("claim", 7))
                .isInstanceOfSatisfying(PreconditionFailedProblem.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(412);
                    assertThat(problem.type()).hasToString("urn:cpor:problem:stale-version");
                    assertThat(problem.properties()).containsEntry("currentETag", "\"7\"");
                });
    }

    @Test
    void a_missing_header_is_refused_with_428_only_where_required() {
        assertThatThrownBy(() -> IfMatch.of(null, true).check("claim", 7))
                .isInstanceOfSatisfying(PreconditionRequiredProblem.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(428);
                    assertThat(problem.type()).hasToString("urn:cpor:problem:precondition-required");
                });
        assertThatCode(() -> IfMatch.of(" ", false).check("claim", 7)).doesNotThrowAnyException();
    }

    @Test
    void a_star_matches_any_version_and_a_list_matches_any_of_its_tags() {
        assertThatCode(() -> IfMatch.of("*", true).check("claim", 7)).doesNotThrowAnyException();
        assertThatCode(() -> IfMatch.of("\"5\", \"7\"", true).check("claim", 7)).doesNotThrowAnyException();
        assertThatThrownBy(() -> IfMatch.of("\"5\",\"6\"", true).check("claim", 7))
                .isInstanceOf(PreconditionFailedProblem.class);
    }

    @Test
    void a_weak_tag_never_matches_because_if_match_compares_strongly() {
        assertThatThrownBy(() -> IfMatch.of("W/\"7\"", true).check("claim", 7))
                .isInstanceOf(PreconditionFailedProblem.class);
    }

    @Test
    void a_value_that_is_no_entity_tag_is_a_400_naming_the_header() {
        for (String garbled : new String[]{"7", "\"7", "\"7\" x", "\"7\";\"8\"", "**"}) {
            assertThatThrownBy(() -> IfMatch.of(garbled, false)).as(garbled)
                    .isInstanceOfSatisfying(InvalidInputProblem.class,
                            problem -> assertThat(problem.errors().getFirst().field()).isEqualTo("If-Match"));
        }
    }

    @Test
    void a_long_header_that_stops_matching_early_is_refused_without_rescanning_it() {
        // a guard against denial of service only: the parse is linear and takes microseconds (it took seconds for
        // 8 KiB, the most Tomcat lets through, when every later position was tried again)
        for (String hostile : new String[]{"\"1\", x" + " ".repeat(8_000), "\"1\"" + " ".repeat(64_000) + "x",
                "W/\"1\" , ".repeat(2_000) + "\t".repeat(8_000) + ";"}) {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> IfMatch.of(hostile, true))
                    .isInstanceOf(InvalidInputProblem.class));
        }
    }

    @Test
    void the_etag_of_a_version_is_strong_and_quoted() {
        assertThat(IfMatch.etag(12)).isEqualTo("\"12\"");
    }
}
