package com.cpor.platform.testsupport.fuzz;

import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.TestIdentity;
import com.cpor.platform.testsupport.fuzz.HostileValues.Json;
import com.cpor.platform.testsupport.fuzz.HostileValues.Raw;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Fuzzes a running service from its own OpenAPI document ({@code GET /v3/api-docs}). For every operation it sends
 * a plausible request built from the schemas (or a valid one the test supplies), then variations of it: each body
 * field, path parameter, query parameter and header replaced by a hostile value (oversized, wrong-typed, control
 * characters, invalid Unicode, deeply nested, boundary numbers), whole bodies that are empty, invalid, nested
 * 10,000 deep or over the body limit, and wrong content types, methods and credentials.
 * <p>
 * Every answer must be below 500, every 4xx of the JSON API {@code application/problem+json}, and no answer may
 * take longer than {@link #SLOW} (a slow answer is re-sent twice and judged by the median, so one hiccup of a loaded
 * machine does not fail the build). The variations are chosen with a fixed seed: {@code -Dfuzz.seed=<n>} picks
 * another sample, {@code -Dfuzz.only=<text>} sends only the requests whose description contains the text.
 */
public final class OpenApiFuzzer {

    public static final long DEFAULT_SEED = 20_261_130L;
    public static final Duration SLOW = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SLOT = "__cpor_fuzz_slot__";
    /** Class names (package-qualified, or any ...Exception) an error must not show a client. */
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "\\b(?:java|javax|jakarta|tools\\.jackson|com\\.fasterxml|com\\.cpor|org\\.springframework|org\\.apache"
                    + "|org\\.postgresql)\\.[a-zA-Z]|\\b[A-Z][A-Za-z]+Exception\\b");
    private static final List<String> JSON_TYPES = List.of("application/json", "application/merge-patch+json");

    /** How a service answers errors of an operation: the JSON API with problem details, or HTML pages. */
    public enum Errors { PROBLEM_JSON, ANY }

    private enum Kind { BASELINE, BODY_FIELD, BODY, MULTIPART, PATH, QUERY, HEADER, PROTOCOL }

    private record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    private record Operation(String method, String path, List<Parameter> parameters, String bodyType, JsonNode bodySchema,
                             Errors errors) {
        String key() {
            return method + " " + path;
        }
    }

    /** One request to send; {@code description} is what a failure prints and {@code -Dfuzz.only} matches. */
    private record Request(Operation operation, Kind kind, String description, boolean core, String method,
                           String target, Map<String, String> headers, byte[] body, boolean unsafeText) {

        Request(Operation operation, Kind kind, String description, boolean core, String method, String target,
                Map<String, String> headers, byte[] body) {
            this(operation, kind, description, core, method, target, headers, body, false);
        }

        Request unsafe(boolean unsafe) {
            return new Request(operation, kind, description, core, method, target, headers, body, unsafe);
        }
    }

    /** A request whose answer broke a rule. */
    public record Finding(String request, String problem) {
        @Override
        public String toString() {
            return request + " -> " + problem;
        }
    }

    /** What a run sent and found. */
    public record Report(String service, long seed, int generated, int sent, int operations, List<Finding> findings,
                         List<Finding> knownGaps, List<String> slowOnce, Duration took) {

        public String summary() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "OpenAPI fuzz of %s: seed %d, %d operations, %d requests generated, %d sent "
                            + "in %d s; %d findings, %d known gaps, %d slow answers excused (fast on re-sending, or the machine overloaded)%n",
                    service, seed, operations, generated, sent, took.toSeconds(), findings.size(), knownGaps.size(),
                    slowOnce.size()));
            findings.stream().limit(60).forEach(f -> text.append("  FINDING ").append(f).append('\n'));
            if (findings.size() > 60) {
                text.append("  … and ").append(findings.size() - 60).append(" more\n");
            }
            knownGaps.stream().limit(20).forEach(f -> text.append("  known gap ").append(f).append('\n'));
            slowOnce.stream().limit(10).forEach(s -> text.append("  excused slow answer ").append(s).append('\n'));
            text.append("  reproduce: -Dfuzz.seed=").append(seed).append(" -Dfuzz.only='<text of a request above>'\n");
            return text.toString();
        }

        /** Fails with the findings, one line each, if there are any. */
        public void assertNoFindings() {
            if (!findings.isEmpty()) {
                throw new AssertionError(summary());
            }
        }
    }

    public static Builder against(String service, int port) {
        return new Builder(service, port);
    }

    public static final class Builder {
        private final String service;
        private final int port;
        private long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        private String only = System.getProperty("fuzz.only", "");
        private DevUser user;
        private final Map<String, DevUser> users = new HashMap<>();
        private final Map<String, Supplier<String>> pathValues = new HashMap<>();
        private final Map<String, Supplier<JsonNode>> bodies = new HashMap<>();
        private final List<Operation> pages = new ArrayList<>();
        private final Map<String, String> knownGaps = new LinkedHashMap<>();
        private int maxRequests = 2500;
        private Duration timeBudget = Duration.ofSeconds(75);

        private Builder(String service, int port) {
            this.service = service;
            this.port = port;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The caller of every operation (a bearer token of this development user). */
        public Builder as(DevUser user) {
            this.user = user;
            return this;
        }

        /** The caller of one operation, e.g. {@code as("POST /api/v1/reviews/{claimId}/reassign", REVIEW_LEAD)}. */
        public Builder as(String operation, DevUser user) {
            users.put(operation, user);
            return this;
        }

        /** Where a valid value of a path parameter comes from (e.g. a freshly created claim); asked once per operation. */
        public Builder pathValue(String parameter, Supplier<String> value) {
            pathValues.put(parameter, value);
            return this;
        }

        /** A valid body of an operation ({@code "POST /api/v1/claims"}), used instead of one sampled from the schema. */
        public Builder body(String operation, Supplier<JsonNode> body) {
            bodies.put(operation, body);
            return this;
        }

        /** An operation the document hides (a browser page): fuzzed on its path parameters; errors may be HTML. */
        public Builder page(String method, String path) {
            List<Parameter> parameters = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    parameters.add(new Parameter(segment.substring(1, segment.length() - 1), "path", true,
                            JSON.createObjectNode().put("type", "string")));
                }
            }
            pages.add(new Operation(method, path, parameters, null, null, Errors.ANY));
            return this;
        }

        /** Findings whose request description contains {@code descriptionContains} are reported, not failed. */
        public Builder knownGap(String descriptionContains, String reason) {
            knownGaps.put(descriptionContains, reason);
            return this;
        }

        public Builder maxRequests(int maxRequests) {
            this.maxRequests = maxRequests;
            return this;
        }

        public Builder timeBudget(Duration timeBudget) {
            this.timeBudget = timeBudget;
            return this;
        }

        public Report run() {
            return new OpenApiFuzzer(this).run();
        }
    }

    private final Builder settings;
    private final Random random;
    private final RawHttp http;
    private final Map<DevUser, String> tokens = new EnumMap<>(DevUser.class);
    private final Map<Operation, Request> baselines = new IdentityHashMap<>();
    private SchemaSampler sampler;

    private OpenApiFuzzer(Builder settings) {
        this.settings = settings;
        this.random = new Random(settings.seed);
        this.http = new RawHttp("127.0.0.1", settings.port, 30_000);
    }

    private Report run() {
        long started = System.nanoTime();
        JsonNode document = document();
        sampler = new SchemaSampler(document, random);
        List<Operation> operations = new ArrayList<>(operations(document));
        operations.addAll(settings.pages);

        List<Request> generated = new ArrayList<>();
        for (Operation operation : operations) {
            generated.addAll(requests(operation));
        }
        generated.stream().filter(r -> r.description().endsWith("| baseline"))
                .forEach(r -> baselines.putIfAbsent(r.operation(), r));
        List<Request> chosen = choose(generated);

        List<Finding> findings = new ArrayList<>();
        List<Finding> known = new ArrayList<>();
        List<String> slowOnce = new ArrayList<>();
        int sent = 0;
        long deadline = started + settings.timeBudget.toNanos();
        for (Request request : chosen) {
            if (System.nanoTime() > deadline) {
                System.out.printf("OpenAPI fuzz of %s: time budget of %d s spent after %d of %d requests%n",
                        settings.service, settings.timeBudget.toSeconds(), sent, chosen.size());
                break;
            }
            sent++;
            String problem = judge(request, slowOnce);
            if (problem != null) {
                Finding finding = new Finding(request.description(), problem);
                if (settings.knownGaps.keySet().stream().anyMatch(request.description()::contains)) {
                    known.add(finding);
                } else {
                    findings.add(finding);
                }
            }
        }
        Report report = new Report(settings.service, settings.seed, generated.size(), sent, operations.size(),
                findings, known, slowOnce, Duration.ofNanos(System.nanoTime() - started));
        System.out.print(report.summary());
        writeAll(report);
        return report;
    }

    /** Every finding, not only the first ones the summary shows, to {@code target/fuzz/<service>.txt}. */
    private static void writeAll(Report report) {
        StringBuilder all = new StringBuilder(report.summary());
        report.findings().forEach(f -> all.append(f).append('\n'));
        report.knownGaps().forEach(f -> all.append("known gap ").append(f).append('\n'));
        try {
            Path file = Path.of("target", "fuzz", report.service() + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, all);
        } catch (IOException e) {
            System.out.println("Could not write the fuzz report: " + e);
        }
    }

    private JsonNode document() {
        try {
            RawHttp.Response response = http.send("GET", "/v3/api-docs", Map.of("Accept", "application/json"), null);
            if (response.status() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.status());
            }
            Path saved = Path.of("target", "fuzz", settings.service + "-api-docs.json");
            Files.createDirectories(saved.getParent());
            Files.write(saved, response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the OpenAPI document", e);
        }
    }

    private List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            List<Parameter> shared = parameters(path.getValue().path("parameters"));
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                List<Parameter> parameters = new ArrayList<>(shared);
                parameters.addAll(parameters(operation.path("parameters")));
                String bodyType = null;
                JsonNode bodySchema = null;
                JsonNode content = sampler.resolve(operation.path("requestBody")).path("content");
                for (String type : content.propertyNames()) {
                    if (bodyType == null || JSON_TYPES.contains(type) && !JSON_TYPES.contains(bodyType)
                            || "application/json".equals(type)) {
                        bodyType = type;
                        bodySchema = content.path(type).path("schema");
                    }
                }
                operations.add(new Operation(method, path.getKey(), parameters, bodyType, bodySchema, Errors.PROBLEM_JSON));
            }
        }
        return operations;
    }

    private List<Parameter> parameters(JsonNode list) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode parameter : list) {
            JsonNode resolved = sampler.resolve(parameter);
            parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
                    resolved.path("required").asBoolean(false), resolved.path("schema")));
        }
        return parameters;
    }

    // ---- generation ----

    private final class Base {
        final Operation operation;
        final Map<String, String> path = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        final JsonNode body;

        Base(Operation operation) {
            this.operation = operation;
            for (Parameter parameter : operation.parameters()) {
                switch (parameter.in()) {
                    case "path" -> path.put(parameter.name(), settings.pathValues.containsKey(parameter.name())
                            ? settings.pathValues.get(parameter.name()).get()
                            : HostileValues.encode(scalar(sampler.sample(parameter.schema()))));
                    case "query" -> {
                        if (parameter.required()) {
                            query.put(parameter.name(), HostileValues.encode(scalar(sampler.sample(parameter.schema()))));
                        }
                    }
                    default -> {
                    }
                }
            }
            DevUser caller = settings.users.getOrDefault(operation.key(), settings.user);
            if (caller != null) {
                headers.put("Authorization", "Bearer " + tokens.computeIfAbsent(caller, TestIdentity::tokenFor));
            }
            headers.put("Accept", operation.errors() == Errors.PROBLEM_JSON ? "application/json" : "text/html");
            Supplier<JsonNode> given = settings.bodies.get(operation.key());
            body = given != null ? given.get()
                    : operation.bodySchema() == null ? null : sampler.sample(operation.bodySchema());
        }

        String target(Map<String, String> pathValues, Map<String, String> queryValues) {
            String target = operation.path();
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                target = target.replace("{" + value.getKey() + "}", value.getValue());
            }
            String query = queryString(queryValues);
            return query.isEmpty() ? target : target + "?" + query;
        }

        static String queryString(Map<String, String> values) {
            StringBuilder query = new StringBuilder();
            values.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(value));
            return query.toString();
        }

        Request request(Kind kind, String where, boolean core, Map<String, String> pathValues,
                        Map<String, String> queryValues, Map<String, String> headerValues, byte[] content, String contentType) {
            Map<String, String> allHeaders = new LinkedHashMap<>(headerValues);
            if (content != null && contentType != null) {
                allHeaders.put("Content-Type", contentType);
            }
            return new Request(operation, kind, operation.key() + " | " + where, core, operation.method(),
                    target(pathValues, queryValues), allHeaders, content);
        }

        Request withBody(Kind kind, String where, boolean core, byte[] content) {
            return request(kind, where, core, path, query, headers, content, operation.bodyType());
        }

        byte[] baselineBody() {
            return body == null ? null : JSON.writeValueAsBytes(body);
        }
    }

    private List<Request> requests(Operation operation) {
        Base base = new Base(operation);
        List<Request> requests = new ArrayList<>();
        boolean multipart = operation.bodyType() != null && operation.bodyType().startsWith("multipart/");
        if (multipart) {
            requests.addAll(multipart(base));
        } else {
            requests.add(base.withBody(Kind.BASELINE, "baseline", true, base.baselineBody()));
        }

        for (Parameter parameter : operation.parameters()) {
            String type = sampler.typeOf(parameter.schema());
            switch (parameter.in()) {
                case "path" -> {
                    for (Raw value : HostileValues.forPath()) {
                        Map<String, String> path = new LinkedHashMap<>(base.path);
                        path.put(parameter.name(), value.text());
                        requests.add(base.request(Kind.PATH, "path " + parameter.name() + " = " + value.label(), value.core(),
                                path, base.query, base.headers, multipart ? null : base.baselineBody(), operation.bodyType()));
                    }
                }
                case "query" -> {
                    String itemType = "array".equals(type) ? sampler.typeOf(sampler.resolve(parameter.schema()).path("items")) : type;
                    for (Raw value : HostileValues.forQuery(itemType)) {
                        Map<String, String> query = new LinkedHashMap<>(base.query);
                        query.put(parameter.name(), value.text());
                        requests.add(base.request(Kind.QUERY, "query " + parameter.name() + " = " + value.label(), value.core(),
                                base.path, query, base.headers, null, null).unsafe(value.unsafeText()));
                    }
                    Map<String, String> repeated = new LinkedHashMap<>(base.query);
                    repeated.remove(parameter.name());
                    String others = Base.queryString(repeated);
                    String many = (others.isEmpty() ? "" : others + "&")
                            + (parameter.name() + "=" + HostileValues.encode(scalar(sampler.sample(parameter.schema()))) + "&").repeat(300);
                    requests.add(new Request(operation, Kind.QUERY, operation.key() + " | query " + parameter.name()
                            + " repeated 300 times", false, operation.method(),
                            base.target(base.path, Map.of()) + "?" + many, base.headers, null));
                }
                case "header" -> {
                    for (Raw value : HostileValues.forHeader()) {
                        Map<String, String> headers = new LinkedHashMap<>(base.headers);
                        headers.put(parameter.name(), value.text());
                        requests.add(base.request(Kind.HEADER, "header " + parameter.name() + " = " + value.label(), value.core(),
                                base.path, base.query, headers, multipart ? null : base.baselineBody(), operation.bodyType()));
                    }
                }
                default -> {
                }
            }
        }

        if (base.body != null && !multipart) {
            byte[] whole = base.baselineBody();
            for (String pointer : pointers(base.body, "")) {
                String type = typeAt(base.body, pointer);
                for (Json value : HostileValues.forField(type, whole.length)) {
                    requests.add(base.withBody(Kind.BODY_FIELD, "body " + pointer + " = " + value.label(), value.core(),
                            replaced(base.body, pointer, value.bytes())).unsafe(value.unsafeText()));
                }
            }
            if (base.body.isObject()) {
                ObjectNode extra = ((ObjectNode) base.body).deepCopy();
                extra.put("unknownField", "x");
                requests.add(base.withBody(Kind.BODY_FIELD, "body with an unknown field", false, JSON.writeValueAsBytes(extra)));
            }
        }
        if (operation.bodyType() != null && !multipart) {
            for (Json value : HostileValues.forBody()) {
                requests.add(base.withBody(Kind.BODY, "body = " + value.label(), value.core(), value.bytes()));
            }
            byte[] baseline = base.baselineBody() == null ? "{}".getBytes(StandardCharsets.UTF_8) : base.baselineBody();
            requests.add(base.request(Kind.PROTOCOL, "content type text/plain", true, base.path, base.query, base.headers,
                    baseline, "text/plain"));
            requests.add(base.request(Kind.PROTOCOL, "content type with an unknown charset", false, base.path, base.query,
                    base.headers, baseline, "application/json; charset=x-unknown"));
            requests.add(base.request(Kind.PROTOCOL, "content type missing", false, base.path, base.query, base.headers,
                    baseline, null));
        }
        if (operation.errors() == Errors.ANY && "POST".equals(operation.method())) {
            // a browser form post: bodies a page must refuse before parsing them
            String form = "application/x-www-form-urlencoded";
            requests.add(base.request(Kind.BODY, "form = 1.1 MiB", true, base.path, base.query, base.headers,
                    ("_csrf=" + "x".repeat(HostileValues.ONE_MIB + 100 * 1024)).getBytes(StandardCharsets.UTF_8), form));
            requests.add(base.request(Kind.BODY, "form = 100 KiB", false, base.path, base.query, base.headers,
                    ("_csrf=" + "x".repeat(100 * 1024)).getBytes(StandardCharsets.UTF_8), form));
            requests.add(base.request(Kind.BODY, "form = 10,000 fields", true, base.path, base.query, base.headers,
                    "a=1&".repeat(10_000).getBytes(StandardCharsets.UTF_8), form));
            requests.add(base.request(Kind.BODY, "form = NUL and invalid escapes", false, base.path, base.query,
                    base.headers, "_csrf=%00%ZZ%".getBytes(StandardCharsets.UTF_8), form));
            requests.add(base.request(Kind.BODY, "form = JSON nested 10,000 deep", false, base.path, base.query,
                    base.headers, ("[".repeat(HostileValues.DEEP) + "]".repeat(HostileValues.DEEP)).getBytes(StandardCharsets.UTF_8),
                    "application/json"));
        }
        if (operation.errors() == Errors.PROBLEM_JSON) {
            Map<String, String> xml = new LinkedHashMap<>(base.headers);
            xml.put("Accept", "application/xml");
            requests.add(base.request(Kind.PROTOCOL, "accept application/xml only", true, base.path, base.query, xml,
                    multipart ? null : base.baselineBody(), multipart ? null : operation.bodyType()));
            Map<String, String> anonymous = new LinkedHashMap<>(base.headers);
            anonymous.remove("Authorization");
            requests.add(base.request(Kind.PROTOCOL, "no bearer token", false, base.path, base.query, anonymous, null, null));
            Map<String, String> garbage = new LinkedHashMap<>(base.headers);
            garbage.put("Authorization", "Bearer " + "a".repeat(3000) + ".%00." + "b");
            requests.add(base.request(Kind.PROTOCOL, "garbage bearer token", false, base.path, base.query, garbage, null, null));
            String other = List.of("GET", "POST").contains(operation.method()) ? "PUT" : "POST";
            requests.add(new Request(operation, Kind.PROTOCOL, operation.key() + " | method " + other, false, other,
                    base.target(base.path, base.query), base.headers, null));
        }
        return requests;
    }

    private List<Request> multipart(Base base) {
        JsonNode schema = sampler.resolve(base.operation.bodySchema());
        String filePart = "file";
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            if ("binary".equals(sampler.resolve(property.getValue()).path("format").asString(""))) {
                filePart = property.getKey();
            }
        }
        byte[] pdf = "%PDF-1.4\n%fuzz\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[64 * 1024];
        this.random.nextBytes(random);
        List<Request> requests = new ArrayList<>();
        requests.add(part(base, "baseline", true, filePart, "fuzz.pdf", pdf));
        requests.add(part(base, "file name = NUL", true, filePart, "a\u0000b.pdf", pdf));
        requests.add(part(base, "file name = control characters", false, filePart, "a\u0001\u001b.pdf", pdf));
        requests.add(part(base, "file name = traversal", true, filePart, "../../../etc/passwd.pdf", pdf));
        requests.add(part(base, "file name = 4,000 characters", false, filePart, "a".repeat(4000) + ".pdf", pdf));
        requests.add(part(base, "file name = unpaired surrogate", false, filePart, "a\ud800.pdf", pdf));
        requests.add(part(base, "file = empty", true, filePart, "empty.pdf", new byte[0]));
        requests.add(part(base, "file = 64 KiB random bytes", true, filePart, "random.pdf", random));
        requests.add(part(base, "file = truncated PDF header", false, filePart, "short.pdf", "%PDF-".getBytes(StandardCharsets.UTF_8)));
        requests.add(part(base, "file = 1.1 MiB", false, filePart, "big.pdf",
                HostileValues.concat(pdf, new byte[HostileValues.ONE_MIB + 100 * 1024])));
        requests.add(part(base, "file part missing", true, "other", "fuzz.pdf", pdf));
        String boundary = "cporfuzz";
        byte[] unterminated = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filePart
                + "\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.4").getBytes(StandardCharsets.UTF_8);
        requests.add(base.request(Kind.MULTIPART, "multipart = unterminated", true, base.path, base.query, base.headers,
                unterminated, "multipart/form-data; boundary=" + boundary));
        requests.add(base.request(Kind.MULTIPART, "multipart = no boundary", true, base.path, base.query, base.headers,
                unterminated, "multipart/form-data"));
        requests.add(base.request(Kind.MULTIPART, "multipart = JSON body", false, base.path, base.query, base.headers,
                "{}".getBytes(StandardCharsets.UTF_8), "application/json"));
        return requests;
    }

    private static Request part(Base base, String where, boolean core, String name, String fileName, byte[] content) {
        String boundary = "cporfuzz" + Integer.toHexString(where.hashCode());
        byte[] body = HostileValues.concat(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                content,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return base.request(Kind.MULTIPART, where, core, base.path, base.query, base.headers, body,
                "multipart/form-data; boundary=" + boundary);
    }

    /** JSON pointers of every value in the body except the root (first array elements only). */
    private static List<String> pointers(JsonNode node, String prefix) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String pointer = prefix + "/" + property.getKey().replace("~", "~0").replace("/", "~1");
                pointers.add(pointer);
                pointers.addAll(pointers(property.getValue(), pointer));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            pointers.add(prefix + "/0");
            pointers.addAll(pointers(node.get(0), prefix + "/0"));
        }
        return pointers;
    }

    private static String typeAt(JsonNode body, String pointer) {
        JsonNode node = body.at(pointer);
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.isBoolean() ? "boolean" : "string";
    }

    /** The body with the value at {@code pointer} replaced by raw JSON bytes (which may be invalid on purpose). */
    private static byte[] replaced(JsonNode body, String pointer, byte[] value) {
        JsonNode copy = body.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.put(last, SLOT);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), array.stringNode(SLOT));
        }
        byte[] text = JSON.writeValueAsBytes(copy);
        byte[] marker = ("\"" + SLOT + "\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(text, marker);
        return HostileValues.concat(Arrays.copyOfRange(text, 0, at), value,
                Arrays.copyOfRange(text, at + marker.length, text.length));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        String h = new String(haystack, StandardCharsets.ISO_8859_1);
        return h.indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static String scalar(JsonNode value) {
        if (value.isArray()) {
            return value.isEmpty() ? "x" : scalar(value.get(0));
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /** Every core request, then a seeded sample of the others up to the budget, in generation order. */
    private List<Request> choose(List<Request> generated) {
        if (!settings.only.isEmpty()) {
            return generated.stream().filter(r -> r.description().contains(settings.only)).toList();
        }
        List<Integer> core = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            (generated.get(i).core() ? core : rest).add(i);
        }
        Collections.shuffle(rest, random);
        List<Integer> chosen = new ArrayList<>(core);
        chosen.addAll(rest.subList(0, Math.max(0, Math.min(rest.size(), settings.maxRequests - core.size()))));
        Collections.sort(chosen);
        return chosen.stream().map(generated::get).toList();
    }

    // ---- judging ----

    private String judge(Request request, List<String> slowOnce) {
        RawHttp.Response response;
        try {
            response = send(request);
        } catch (IOException e) {
            return "no answer: " + e;
        }
        String problem = rulesBroken(request, response);
        if (problem != null) {
            return problem;
        }
        if (response.nanos() > SLOW.toNanos()) {
            // one slow answer on a shared machine proves little: the median of three decides
            long slow = medianTime(request);
            if (slow < 0) {
                return "no answer on re-sending a slow request";
            }
            if (slow > SLOW.toNanos()) {
                // ... and a machine so loaded that the operation's plain request is slow too excuses it
                Request plain = baselines.get(request.operation());
                long usual = plain == null || plain == request ? 0 : medianTime(plain);
                if (usual >= 0 && slow <= 4 * usual) {
                    slowOnce.add(request.description() + ": median " + millis(slow) + " ms, but the plain request took "
                            + millis(usual) + " ms (machine overloaded)");
                    return null;
                }
                return "slow: median of three " + millis(slow) + " ms (the plain request: " + millis(usual)
                        + " ms), status " + response.status();
            }
            slowOnce.add(request.description() + ": " + millis(response.nanos()) + " ms once, median " + millis(slow) + " ms");
        }
        return null;
    }

    /** The median time of three sendings, or -1 if one got no answer. */
    private long medianTime(Request request) {
        long[] times = new long[3];
        for (int i = 0; i < times.length; i++) {
            try {
                times[i] = send(request).nanos();
            } catch (IOException e) {
                return -1;
            }
        }
        Arrays.sort(times);
        return times[1];
    }

    private RawHttp.Response send(Request request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            RawHttp.Response response = http.send(request.method(), request.target(), request.headers(), request.body());
            if (response.status() != 429 || attempt >= 10) {
                return response;
            }
            // the per-partner write rate limit answered: wait as told, it is not what this request tests
            try {
                String retryAfter = String.valueOf(response.header("Retry-After"));
                Thread.sleep(retryAfter.matches("\\d{1,3}") ? Math.max(1, Integer.parseInt(retryAfter)) * 1000L : 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private static String rulesBroken(Request request, RawHttp.Response response) {
        String type = response.header("Content-Type");
        String brief = response.status() + " " + (type == null ? "(no content type)" : type) + " in "
                + millis(response.nanos()) + " ms: " + response.bodyText(160).replaceAll("\\s+", " ");
        if (response.status() >= 500) {
            return brief;
        }
        if (request.kind() == Kind.PATH && response.status() < 300) {
            return "a hostile path value was accepted: " + brief;
        }
        if (request.unsafeText() && response.status() < 300) {
            return "control characters or invalid Unicode were accepted: " + brief;
        }
        if (response.status() >= 400 && JAVA_NAMES.matcher(response.bodyText(100_000)).find()) {
            return "the error shows Java type names: " + brief;
        }
        if (response.status() >= 400 && request.operation().errors() == Errors.PROBLEM_JSON
                && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json"))) {
            return "not problem+json: " + brief;
        }
        return null;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
