package com.cpor.tools.deadletters;

import com.cpor.tools.deadletters.ReplayDeadLetters.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayDeadLettersTest {

    @Test
    void the_target_is_the_dead_letter_topic_without_its_suffix_and_the_defaults_are_the_runbooks() {
        Options options = Options.parse("--dlt", "cpor.claims.v1-dlt");

        assertThat(options).isEqualTo(new Options("localhost:19092", "cpor.claims.v1-dlt", "cpor.claims.v1", null, false,
                "cpor-dlt-replay"));
    }

    @Test
    void every_option_is_read() {
        Options options = Options.parse("--bootstrap-server", "kafka:9092", "--dlt", "parked", "--to", "cpor.reviews.v1",
                "--claim", "C-1", "--group", "replay-2", "--dry-run");

        assertThat(options).isEqualTo(new Options("kafka:9092", "parked", "cpor.reviews.v1", "C-1", true, "replay-2"));
    }

    @Test
    void a_topic_without_the_dead_letter_suffix_needs_an_explicit_target() {
        assertThatThrownBy(() -> Options.parse("--dlt", "cpor.claims.v1"))
                .hasMessageContaining("does not end with -dlt; say --to <topic>");
    }

    @Test
    void the_dead_letter_topic_is_required() {
        assertThatThrownBy(() -> Options.parse("--dry-run")).hasMessage("--dlt is required");
    }

    @Test
    void a_mistyped_option_is_refused_rather_than_ignored() {
        assertThatThrownBy(() -> Options.parse("--dlt", "cpor.claims.v1-dlt", "--dryrun"))
                .hasMessageStartingWith("Unknown option --dryrun");
        assertThatThrownBy(() -> Options.parse("--dlt")).hasMessage("--dlt needs a value");
        assertThatThrownBy(() -> Options.parse("cpor.claims.v1-dlt")).hasMessage("Unexpected argument cpor.claims.v1-dlt");
    }
}
