package com.cpor.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import com.cpor.platform.security.Caller;
import com.cpor.platform.web.IfMatch;
import com.cpor.platform.web.Versioned;
import com.cpor.platform.web.idempotency.IdempotencyFilter;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API convention for every service's OpenAPI document, so a client generator behind the gateway sees the
 * same thing everywhere: the bearer scheme, required on every operation that is not a public page; every error
 * answer documented as {@code application/problem+json} with a {@code Problem} schema the document defines.
 */
@AutoConfiguration
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
public class OpenApiConventionsAutoConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Answers any operation may give; a service documents more specific ones on its operations. */
    private static final Map<String, String> COMMON_PROBLEMS = orderedOf(
            "400", "Invalid input; `errors` names each offending field or parameter",
            "413", "The request body is larger than the service accepts",
            "500", "Unexpected error; it was logged (the problem names no internals)");

    private static final Map<String, String> ADDRESSED_PROBLEMS = orderedOf(
            "404", "Not found, or not visible to the caller (another partner's claim)");

    private static final Map<String, String> WRITE_PROBLEMS = orderedOf(
            "429", "Too many writes; retry after the `Retry-After` header");

    /** Answers of {@link IdempotencyFilter} on POST. */
    private static final Map<String, String> IDEMPOTENT_PROBLEMS = orderedOf(
            "409", "The first request with this `Idempotency-Key` has not finished; retry after `Retry-After`",
            "422", "This `Idempotency-Key` was used for another request (method, path or body)");

    /** Answers of a write that takes If-Match ({@link IfMatch}). */
    private static final Map<String, String> CONDITIONAL_PROBLEMS = orderedOf(
            "412", "If-Match names no current ETag of the resource: it changed since the client read it "
                    + "(`currentETag` names the current one)");

    private static final Map<String, String> REQUIRED_CONDITION_PROBLEMS = orderedOf(
            "428", "If-Match is missing: this write overwrites fields, so it must name the ETag it is based on");

    private static final Map<String, String> SECURED_PROBLEMS = orderedOf(
            "401", "No valid bearer token",
            "403", "The caller's roles do not allow this operation");

    static {
        // the caller comes from the bearer token, not from a request parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        // documented as the If-Match header by platformConditionalWrites
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(IfMatch.class);
    }

    /** If-Match, 412 and 428 where a write takes {@link IfMatch}; the ETag header where the answer is {@link Versioned}. */
    @Bean
    GlobalOperationCustomizer platformConditionalWrites() {
        return (operation, handler) -> {
            documentConditionalWrite(operation, handler);
            return operation;
        };
    }

    static void documentConditionalWrite(Operation operation, HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() == IfMatch.class) {
                boolean required = parameter.hasParameterAnnotation(IfMatch.Required.class);
                // a PUT may also create, where there is nothing to match: required only to replace
                boolean creates = handler.hasMethodAnnotation(PutMapping.class);
                operation.addParametersItem(new HeaderParameter().name(IfMatch.HEADER).required(required && !creates)
                        .description("The resource's `ETag` as the client read it (or `*`); a stale one is refused "
                                + "with 412" + (!required ? ""
                                : creates ? ". Required to replace an existing resource (428 without it)"
                                : ". Required (428 without it): this write overwrites fields"))
                        .schema(new StringSchema().example("\"7\"")));
                documentProblems(operation, CONDITIONAL_PROBLEMS);
                if (required) {
                    documentProblems(operation, REQUIRED_CONDITION_PROBLEMS);
                }
            }
        }
        if (operation.getResponses() != null && Versioned.class.isAssignableFrom(representationOf(handler))) {
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.addHeaderObject("ETag", new Header()
                            .description("The resource's version as a strong entity-tag; send it as If-Match")
                            .schema(new StringSchema().example("\"7\"")));
                }
            });
        }
    }

    /** The body type a handler answers with ({@code T} of {@code ResponseEntity<T>}). */
    private static Class<?> representationOf(HandlerMethod handler) {
        ResolvableType type = ResolvableType.forMethodReturnType(handler.getMethod());
        if (HttpEntity.class.isAssignableFrom(type.toClass())) {
            type = type.as(HttpEntity.class).getGeneric(0);
        }
        return type.toClass();
    }

    @Bean
    GlobalOpenApiCustomizer platformOpenApiConventions(
            @Value("${cpor.security.public-paths:}") List<String> publicPaths) {
        PathPatternParser parser = new PathPatternParser();
        List<PathPattern> publicPatterns = publicPaths.stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(parser::parse).toList();
        return openApi -> apply(openApi, publicPatterns);
    }

    static void apply(OpenAPI openApi, List<PathPattern> publicPatterns) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(BEARER)) {
            components.addSecuritySchemes(BEARER,
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
        }
        components.addSchemas(PROBLEM, problemSchema());
        // security is stated per operation, so the public pages can say they need none
        openApi.setSecurity(null);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            boolean open = publicPatterns.stream().anyMatch(p -> p.matches(PathContainer.parsePath(templateOf(path))));
            item.readOperationsMap().forEach((method, operation) -> {
                if (open) {
                    operation.setSecurity(List.of());
                } else {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                    documentProblems(operation, SECURED_PROBLEMS);
                }
                documentProblems(operation, COMMON_PROBLEMS);
                if (path.contains("{")) {
                    documentProblems(operation, ADDRESSED_PROBLEMS);
                }
                if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD && !open) {
                    documentProblems(operation, WRITE_PROBLEMS);
                }
                if (method == PathItem.HttpMethod.POST && !open) {
                    documentIdempotencyKey(operation);
                    documentProblems(operation, IDEMPOTENT_PROBLEMS);
                }
            });
        });
    }

    private static void documentProblems(Operation operation, Map<String, String> problems) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        problems.forEach((status, description) -> {
            ApiResponse existing = operation.getResponses().get(status);
            if (existing == null) {
                operation.getResponses().addApiResponse(status,
                        new ApiResponse().description(description).content(problemContent()));
            } else if (existing.getContent() == null || existing.getContent().isEmpty()
                    || existing.getContent().containsKey("*/*")) {
                existing.setContent(problemContent());
            }
        });
    }

    private static void documentIdempotencyKey(Operation operation) {
        boolean documented = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> IdempotencyFilter.HEADER.equalsIgnoreCase(parameter.getName()));
        if (!documented) {
            operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                    .description("Makes a retry safe: a repeated request with the same key and body gets the "
                            + "first answer (header `" + IdempotencyFilter.REPLAYED_HEADER + ": true`) instead of "
                            + "running again; keys are per caller and kept for a day")
                    .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]+$")));
        }
    }

    static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    /** {@code /consent/{token}} is matched against public patterns with a placeholder segment. */
    private static String templateOf(String path) {
        return path.replaceAll("\\{[^}/]+}", "x");
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema());
        fieldError.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details; `type` is stable per kind of error");
        problem.addProperty("type", new StringSchema().example("urn:cpor:problem:invalid-state"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(fieldError));
        problem.addProperty("currentStatus", new StringSchema());
        problem.addProperty("allowedActions", new ArraySchema().items(new StringSchema()));
        problem.addProperty("currentETag", new StringSchema().description("412: the resource's current ETag"));
        return problem;
    }

    private static Map<String, String> orderedOf(String... statusAndDescription) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < statusAndDescription.length; i += 2) {
            map.put(statusAndDescription[i], statusAndDescription[i + 1]);
        }
        return map;
    }
}
