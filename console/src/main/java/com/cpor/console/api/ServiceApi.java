package com.cpor.console.api;

import com.cpor.console.config.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' REST APIs, called with the signed-in user's access token (held in the server-side session, never
 * sent to the browser): every page sees exactly what the API lets this user see.
 */
@Component
public class ServiceApi {

    public static final String REGISTRATION = "cpor";
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    private final RestClient claims;
    private final RestClient reviews;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final JsonMapper json = JsonMapper.builder().build();

    public ServiceApi(ConsoleProperties properties, OAuth2AuthorizedClientRepository authorizedClients) {
        this.authorizedClients = authorizedClients;
        this.claims = client(properties.claimServiceUrl() + "/api/v1/claims");
        this.reviews = client(properties.reviewServiceUrl() + "/api/v1/reviews");
    }

    private RestClient client(String baseUrl) {
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestInterceptor(bearerToken())
                .defaultStatusHandler(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw problemOf(response);
                })
                .build();
    }

    private ClientHttpRequestInterceptor bearerToken() {
        return (request, body, execution) -> {
            HttpServletRequest current = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                    .getRequest();
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            OAuth2AuthorizedClient client = user == null ? null
                    : authorizedClients.loadAuthorizedClient(REGISTRATION, user, current);
            if (client == null) {
                throw new SignInRequiredException();
            }
            request.getHeaders().setBearerAuth(client.getAccessToken().getTokenValue());
            return execution.execute(request, body);
        };
    }

    private RuntimeException problemOf(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        if (status == 401) {
            return new SignInRequiredException();
        }
        String detail = response.getStatusText();
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode problem = json.readTree(response.getBody());
            if (problem.hasNonNull("detail")) {
                detail = problem.get("detail").asString();
            }
            if (problem.has("errors") && problem.get("errors").isArray()) {
                for (JsonNode error : problem.get("errors")) {
                    fields.merge(error.path("field").asString(""), error.path("message").asString(""),
                            (a, b) -> a + "; " + b);
                }
            }
        } catch (RuntimeException unreadable) {
            // not problem+json: the status text is all there is
        }
        return new ApiProblemException(status, detail, fields);
    }

    // ---- claims (claim-service)

    public Map<String, Object> claimPage(Map<String, List<String>> filters) {
        return claims.get().uri(b -> withQuery(b, filters)).retrieve().body(OBJECT);
    }

    public ResponseEntity<byte[]> claimsCsv(Map<String, List<String>> filters) {
        return claims.get().uri(b -> withQuery(b.path("/export"), filters)).retrieve().toEntity(byte[].class);
    }

    public Map<String, Object> claim(String id) {
        return claims.get().uri("/{id}", id).retrieve().body(OBJECT);
    }

    public List<Object> history(String id) {
        return items(claims.get().uri("/{id}/history?size=100", id).retrieve().body(OBJECT));
    }

    public List<Object> comments(String id) {
        return items(claims.get().uri("/{id}/comments?size=100", id).retrieve().body(OBJECT));
    }

    public Map<String, Object> create(Map<String, Object> details) {
        return claims.post().contentType(MediaType.APPLICATION_JSON).body(details).retrieve().body(OBJECT);
    }

    /** A merge patch based on the claim's {@code version}: if someone changed the claim since, the API answers 412. */
    public Map<String, Object> edit(String id, Map<String, Object> patch, long version) {
        return claims.patch().uri("/{id}", id).contentType(MediaType.valueOf("application/merge-patch+json"))
                .header("If-Match", "\"" + version + "\"").body(patch).retrieve().body(OBJECT);
    }

    public void upload(String id, String fileName, byte[] content) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        claims.post().uri("/{id}/documents", id).contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .retrieve().toBodilessEntity();
    }

    public ResponseEntity<byte[]> document(String id, String documentId) {
        return claims.get().uri("/{id}/documents/{documentId}", id, documentId).retrieve().toEntity(byte[].class);
    }

    /** submit (also resubmit), withdraw {reason}, dispute {justification}, comments {text}. */
    public void claimAction(String id, String action, Map<String, Object> body) {
        var request = claims.post().uri("/{id}/{action}", id, action);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        request.retrieve().toBodilessEntity();
    }

    // ---- reviews (review-service)

    public Map<String, Object> queue(Map<String, List<String>> filters) {
        return reviews.get().uri(b -> withQuery(b, filters)).retrieve().body(OBJECT);
    }

    public Map<String, Object> review(String claimId) {
        return reviews.get().uri("/{claimId}", claimId).retrieve().body(OBJECT);
    }

    /** start, request-partner-action, approve, reject, dispute-decision, reassign. */
    public void reviewAction(String claimId, String action, Map<String, Object> body) {
        reviews.post().uri("/{claimId}/{action}", claimId, action).contentType(MediaType.APPLICATION_JSON)
                .body(body == null ? Map.of() : body).retrieve().toBodilessEntity();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> items(Map<String, Object> page) {
        return page == null ? List.of() : (List<Object>) page.getOrDefault("items", List.of());
    }

    /** Filter values go in as URI variables, so whatever the user typed is encoded, never read as a template. */
    private static URI withQuery(UriBuilder builder, Map<String, List<String>> filters) {
        Map<String, Object> variables = new LinkedHashMap<>();
        filters.forEach((name, values) -> {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    String variable = "v" + variables.size();
                    variables.put(variable, value);
                    builder.queryParam(name, "{" + variable + "}");
                }
            }
        });
        return builder.build(variables);
    }
}
