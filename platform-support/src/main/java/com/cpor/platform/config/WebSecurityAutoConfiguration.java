package com.cpor.platform.config;

import com.cpor.platform.security.ApiProtectionProperties;
import com.cpor.platform.security.CachingJwtDecoder;
import com.cpor.platform.security.CallerArgumentResolver;
import com.cpor.platform.security.ProblemJsonRequestRejectedHandler;
import com.cpor.platform.security.ProblemJsonSecurityHandlers;
import com.cpor.platform.security.RequestBodyLimitFilter;
import com.cpor.platform.security.RequiredSubjectValidator;
import com.cpor.platform.security.SafeQueryFilter;
import com.cpor.platform.security.WriteRateLimitFilter;
import com.cpor.platform.security.WriteRateLimiter;
import com.cpor.platform.web.ProblemDetailsAdvice;
import com.cpor.platform.web.WebInputConfiguration;
import com.cpor.platform.web.idempotency.IdempotencyFilter;
import com.cpor.platform.web.idempotency.IdempotencyStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Every service is an OAuth2 resource server: bearer JWTs (issuer, audience, signature via JWKS, expiry),
 * roles from the {@code roles} claim, stateless, errors as problem details. Only health and the API
 * documentation are open; a service may add public paths with {@code cpor.security.public-paths}.
 * Tokens without {@code sub} are refused, writes are rate limited per partner and oversized bodies are refused
 * ({@link ApiProtectionProperties}). Spring Security's default headers stay on: nosniff, frame DENY,
 * no caching, HSTS on TLS requests.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class,
        OAuth2ResourceServerWebSecurityAutoConfiguration.class})
@EnableMethodSecurity
@EnableConfigurationProperties(ApiProtectionProperties.class)
@Import(WebInputConfiguration.class)
public class WebSecurityAutoConfiguration {

    private static final String[] ALWAYS_PUBLIC = {
            "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    @Bean
    @ConditionalOnMissingBean(name = "cporApiSecurityFilterChain")
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    SecurityFilterChain cporApiSecurityFilterChain(HttpSecurity http, JsonMapper jsonMapper,
            @Value("${cpor.security.public-paths:}") List<String> publicPaths,
            ObjectProvider<WriteRateLimiter> writeRateLimiter, ObjectProvider<IdempotencyStore> idempotency)
            throws Exception {
        ProblemJsonSecurityHandlers problems = new ProblemJsonSecurityHandlers(jsonMapper);
        http.authorizeHttpRequests(requests -> {
                    requests.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    requests.requestMatchers(ALWAYS_PUBLIC).permitAll();
                    if (!publicPaths.isEmpty()) {
                        requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    }
                    requests.requestMatchers("/actuator/**").hasRole("STAFF");
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromRolesClaim()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens only, no cookies: nothing for a cross-site request to ride on
                .csrf(csrf -> csrf.disable());
        WriteRateLimiter limiter = writeRateLimiter.getIfAvailable();
        if (limiter != null) {
            http.addFilterAfter(new WriteRateLimitFilter(limiter, jsonMapper), AuthorizationFilter.class);
        }
        // after the rate limit: a refused write claims no key; after authorization: keys are per caller
        idempotency.ifAvailable(store -> http.addFilterAfter(new IdempotencyFilter(store, jsonMapper),
                limiter != null ? WriteRateLimitFilter.class : AuthorizationFilter.class));
        return http.build();
    }

    /**
     * Wraps the token decoder Spring Boot builds (issuer, audience, expiry, signature, {@code sub}) so a token it
     * accepted is not validated again on the caller's next requests ({@link CachingJwtDecoder}).
     */
    @Bean
    static BeanPostProcessor cporCachingJwtDecoder(ObjectProvider<ApiProtectionProperties> protection) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JwtDecoder decoder) || bean instanceof CachingJwtDecoder) {
                    return bean;
                }
                ApiProtectionProperties.TokenCache cache = protection.getObject().tokenCache();
                return cache.enabled()
                        ? new CachingJwtDecoder(decoder, cache.maxAge(), cache.maxEntries(), Clock.systemUTC())
                        : bean;
            }
        };
    }

    /** URLs the firewall refuses are a 400 problem, like every other invalid input. */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler cporRequestRejectedHandler(JsonMapper jsonMapper) {
        return new ProblemJsonRequestRejectedHandler(jsonMapper);
    }

    /** Added by Spring Boot to issuer, audience and expiry (60 s skew) validation. */
    @Bean
    @ConditionalOnMissingBean(name = "cporRequiredSubjectValidator")
    OAuth2TokenValidator<Jwt> cporRequiredSubjectValidator() {
        return new RequiredSubjectValidator();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "cpor.security.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
    WriteRateLimiter cporWriteRateLimiter(ApiProtectionProperties protection) {
        ApiProtectionProperties.RateLimit limit = protection.rateLimit();
        return new WriteRateLimiter(limit.writesPerSecond(), limit.burst(), limit.maxCallers());
    }

    /** Before the security filters: an oversized body is refused before anything reads it. */
    @Bean
    @ConditionalOnMissingBean(name = "cporRequestBodyLimitFilter")
    FilterRegistrationBean<RequestBodyLimitFilter> cporRequestBodyLimitFilter(ApiProtectionProperties protection,
            JsonMapper jsonMapper, @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxMultipart) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(protection.maxBodySize().toBytes(), protection.maxFormSize().toBytes(),
                        maxMultipart.toBytes(), jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Right after the body limit: a malformed query string is refused before anything parses parameters. */
    @Bean
    @ConditionalOnMissingBean(name = "cporSafeQueryFilter")
    FilterRegistrationBean<SafeQueryFilter> cporSafeQueryFilter(JsonMapper jsonMapper) {
        FilterRegistrationBean<SafeQueryFilter> registration = new FilterRegistrationBean<>(new SafeQueryFilter(jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    static JwtAuthenticationConverter rolesFromRolesClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    /** Unknown request fields are refused, never silently ignored (no mass assignment). */
    @Bean
    JsonMapperBuilderCustomizer refuseUnknownRequestFields() {
        return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
