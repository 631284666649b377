package com.cpor.notificationservice.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI notificationServiceApi() {
        return new OpenAPI()
                .info(new Info().title("CPOR notification-service")
                        .description("Localized e-mail notices (en-US, zh-CN, ru-RU, pl-PL, hu-HU) triggered by events on "
                                + "cpor.claims.v1, cpor.reviews.v1 and cpor.consents.v1, sent once per event and "
                                + "recipient over SMTP. Staff (STAFF, REVIEW_LEAD) read the notification log here and "
                                + "replay notifications that FAILED after the last SMTP attempt.")
                        .version("v1"));
    }
}
