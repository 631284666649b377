package com.cpor.consentservice.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI consentServiceApi() {
        return new OpenAPI()
                .info(new Info().title("CPOR consent-service")
                        .description("The customer's opt-out window after approval. Customers use the HTML pages "
                                + "GET /consent/{token} and POST /consent/{token}/decline (signed link, no account); "
                                + "staff read windows here. Events: cpor.consents.v1 (ConsentRequested, "
                                + "ConsentDeclined, ConsentWindowElapsed).")
                        .version("v1"));
    }
}
