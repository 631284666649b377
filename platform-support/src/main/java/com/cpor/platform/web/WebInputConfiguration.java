package com.cpor.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.module.SimpleModule;

import java.util.List;

/**
 * Input every service refuses the same way (400 naming the field or parameter): control characters and invalid
 * Unicode in JSON strings ({@link SafeTextDeserializer} on the web JSON mapper) and in path variables
 * ({@link SafeParametersInterceptor}); query strings are checked before that, by
 * {@code com.cpor.platform.security.SafeQueryFilter}. And conditional writes: {@link IfMatch} parameters from the
 * If-Match header, ETags on {@link Versioned} answers.
 */
@Configuration(proxyBeanMethods = false)
public class WebInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer refuseUnsafeJsonText() {
        return builder -> builder.addModule(new SimpleModule("cpor-safe-text")
                .addDeserializer(String.class, new SafeTextDeserializer()));
    }

    @Bean
    WebMvcConfigurer refuseUnsafeParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new SafeParametersInterceptor());
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new IfMatchArgumentResolver());
            }
        };
    }

    @Bean
    VersionETagAdvice versionETagAdvice() {
        return new VersionETagAdvice();
    }
}
