package com.cpor.claimservice.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration
class OpenApiConfiguration {

    private static final Map<String, String> PROBLEMS = Map.of(
            "409", "Not allowed in the current status (`currentStatus`, `allowedActions`) or a conflicting claim");

    @Bean
    OpenAPI claimServiceApi() {
        return new OpenAPI()
                .info(new Info().title("CPOR claim-service API").version("v1")
                        .description("Partners create, edit, submit, withdraw and dispute partner-of-record claims; "
                                + "reviewers read them and comment. Errors are RFC 9457 problem details."));
    }

    /** Claim-specific problem answers; the Problem schema, bearer scheme and common answers come from the platform. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().forEach((url, path) -> path.readOperations().stream()
                .filter(operation -> url.contains("{") && path.getGet() != operation).forEach(operation ->
                PROBLEMS.forEach((status, description) -> {
                    if (!operation.getResponses().containsKey(status)) {
                        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                                .content(new Content().addMediaType("application/problem+json",
                                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
                    }
                })));
    }
}
