package com.cpor.claimservice.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration
class OpenApiConfiguration {

    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "Invalid input; `errors` names each field",
            "401", "No valid bearer token",
            "403", "The caller's roles do not allow this (e.g. INCENTIVES_USER writing)",
            "404", "No such claim, or another partner's",
            "409", "Not allowed in the current status (`currentStatus`, `allowedActions`) or a conflicting claim");

    @Bean
    OpenAPI claimServiceApi() {
        return new OpenAPI()
                .info(new Info().title("CPOR claim-service API").version("v1")
                        .description("Partners create, edit, submit, withdraw and dispute partner-of-record claims; "
                                + "reviewers read them and comment. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes("bearer",
                                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Every operation documents its problem answers (application/problem+json). */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                PROBLEMS.forEach((status, description) -> {
                    if (!operation.getResponses().containsKey(status)) {
                        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                                .content(new Content().addMediaType("application/problem+json",
                                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
                    }
                })));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema());
        fieldError.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().example("urn:cpor:problem:invalid-state"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(fieldError));
        problem.addProperty("currentStatus", new StringSchema());
        problem.addProperty("allowedActions", new ArraySchema().items(new StringSchema()));
        return problem;
    }
}
