package com.cpor.e2e.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No unintended breaking change reaches an API client: each service's committed OpenAPI document (docs/openapi, kept
 * equal to the served one by the service's OpenApiFuzzIT) is compared by openapi-diff with its released document in
 * docs/openapi/released/. An intended break replaces the released document in the same commit
 * (docs/api-conventions.md).
 */
class OpenApiCompatibilityTest {

    private static final Path HOME = Path.of(System.getProperty("cpor.home", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"claim-service", "review-service", "consent-service", "notification-service"})
    void the_committed_document_breaks_no_client_of_the_released_one(String service) throws IOException {
        ChangedOpenApi diff = OpenApiCompare.fromContents(document("released/" + service), document(service));

        assertThat(diff.isIncompatible())
                .as(() -> "breaking changes against docs/openapi/released/" + service + ".json:\n"
                        + report(diff))
                .isFalse();
    }

    @Test
    void a_removed_operation_or_a_newly_required_request_field_is_a_breaking_change() throws IOException {
        String released = document("released/claim-service");
        JsonMapper json = JsonMapper.builder().build();

        ObjectNode withoutWithdraw = (ObjectNode) json.readTree(released);
        ((ObjectNode) withoutWithdraw.path("paths")).remove("/api/v1/claims/{id}/withdraw");
        ObjectNode stricterFields = (ObjectNode) json.readTree(released);
        ObjectNode claimDetails = (ObjectNode) stricterFields.path("components").path("schemas").path("ClaimDetails");
        claimDetails.putArray("required").add("name").add("newMandatoryField");
        ((ObjectNode) claimDetails.path("properties")).putObject("newMandatoryField").put("type", "string");

        assertThat(OpenApiCompare.fromContents(released, json.writeValueAsString(withoutWithdraw)).isIncompatible())
                .as("an operation removed").isTrue();
        assertThat(OpenApiCompare.fromContents(released, json.writeValueAsString(stricterFields)).isIncompatible())
                .as("a request field made mandatory").isTrue();
        assertThat(OpenApiCompare.fromContents(released, released).isIncompatible()).as("no change").isFalse();
    }

    private static String report(ChangedOpenApi diff) {
        ByteArrayOutputStream markdown = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(markdown, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return markdown.toString(StandardCharsets.UTF_8);
    }

    private static String document(String name) throws IOException {
        return Files.readString(HOME.resolve("docs/openapi").resolve(name + ".json"));
    }
}
