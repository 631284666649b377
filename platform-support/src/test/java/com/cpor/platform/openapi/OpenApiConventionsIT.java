package com.cpor.platform.openapi;

import com.cpor.platform.testsupport.ServiceIntegrationTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import com.cpor.platform.web.IfMatch;
import com.cpor.platform.web.Versioned;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.method.HandlerMethod;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document is one a client generator accepts: every reference defined, errors and auth stated. */
@ServiceIntegrationTest(properties = {
        "cpor.security.rate-limit.writes-per-second=1", "cpor.security.rate-limit.burst=3",
        "server.forward-headers-strategy=native", "logging.level.org.springframework.security=DEBUG",
        "logging.level.org.springframework.web=DEBUG",
        "management.endpoints.web.exposure.include=health,info,prometheus"})
class OpenApiConventionsIT {

    @LocalServerPort
    int port;

    @Test
    void the_served_document_defines_every_schema_it_refers_to_and_states_auth_and_problems_per_operation()
            throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = JsonMapper.builder().build().readTree(response.body());

        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).contains("#/components/schemas/Problem");
        for (String ref : refs) {
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref + " is defined").isFalse();
        }
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");

        JsonNode paths = document.get("paths");
        assertThat(paths.propertyNames()).contains("/test/security/writes");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                JsonNode operation = paths.get(path).get(method);
                String where = method + " " + path;
                assertThat(operation.path("parameters").findValuesAsString("name")).as(where)
                        .doesNotContain("caller");
                assertThat(operation.at("/security/0/bearer").isArray()).as(where + " needs a token").isTrue();
                for (String status : List.of("400", "401", "403")) {
                    assertThat(operation.at("/responses/" + status + "/content").has("application/problem+json"))
                            .as(where + " documents " + status).isTrue();
                }
            }
        }
        assertThat(paths.at("/~1test~1security~1writes/post/responses/429/content")
                .has("application/problem+json")).isTrue();
    }

    @Test
    void public_pages_need_no_token_and_do_not_promise_401_or_403() {
        Operation page = new Operation().responses(new ApiResponses());
        Operation api = new Operation().responses(new ApiResponses());
        OpenAPI openApi = new OpenAPI().paths(new Paths()
                .addPathItem("/consent/{token}", new PathItem().get(page))
                .addPathItem("/api/v1/consents/{claimId}", new PathItem().get(api)));

        OpenApiConventionsAutoConfiguration.apply(openApi, List.of(new PathPatternParser().parse("/consent/**")));

        assertThat(page.getSecurity()).isEmpty();
        assertThat(page.getResponses()).doesNotContainKeys("401", "403").containsKeys("400", "404");
        assertThat(api.getSecurity()).singleElement().matches(requirement -> requirement.containsKey("bearer"));
        assertThat(api.getResponses()).containsKeys("400", "401", "403", "404");
        assertThat(openApi.getComponents().getSchemas()).containsKey("Problem");
    }

    @Test
    void a_write_taking_if_match_documents_the_header_412_and_where_required_428_and_a_versioned_answer_its_etag()
            throws Exception {
        Operation patch = operationAnswering("200");
        Operation action = operationAnswering("200");
        Operation put = operationAnswering("201");

        OpenApiConventionsAutoConfiguration.documentConditionalWrite(patch, handler("patch"));
        OpenApiConventionsAutoConfiguration.documentConditionalWrite(action, handler("act"));
        OpenApiConventionsAutoConfiguration.documentConditionalWrite(put, handler("put"));

        assertThat(patch.getParameters()).singleElement().satisfies(header -> {
            assertThat(header.getName()).isEqualTo("If-Match");
            assertThat(header.getIn()).isEqualTo("header");
            assertThat(header.getRequired()).isTrue();
        });
        assertThat(patch.getResponses()).containsKeys("412", "428");
        assertThat(patch.getResponses().get("200").getHeaders()).containsKey("ETag");
        assertThat(action.getParameters()).singleElement().satisfies(header -> assertThat(header.getRequired()).isFalse());
        assertThat(action.getResponses()).containsKey("412").doesNotContainKey("428");
        assertThat(put.getParameters()).singleElement().satisfies(header ->
                assertThat(header.getRequired()).as("a PUT may create, with nothing to match").isFalse());
        assertThat(put.getResponses()).containsKeys("412", "428");
        assertThat(put.getResponses().get("201").getHeaders()).containsKey("ETag");
    }

    private static Operation operationAnswering(String status) {
        return new Operation().responses(new ApiResponses().addApiResponse(status, new ApiResponse()
                .content(new Content().addMediaType("application/json", new MediaType()))));
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new ConditionalProbe(), ConditionalProbe.class.getDeclaredMethod(name, IfMatch.class));
    }

    record Thing(long version) implements Versioned {
    }

    static class ConditionalProbe {

        Thing patch(@IfMatch.Required IfMatch ifMatch) {
            return new Thing(1);
        }

        String act(IfMatch ifMatch) {
            return "done";
        }

        @PutMapping
        ResponseEntity<Thing> put(@IfMatch.Required IfMatch ifMatch) {
            return ResponseEntity.ok(new Thing(1));
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                refs.add(ref.asString());
            }
            node.values().forEach(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.values().forEach(child -> collectRefs(child, refs));
        }
    }
}
