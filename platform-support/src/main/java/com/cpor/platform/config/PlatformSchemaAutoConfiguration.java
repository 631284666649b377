package com.cpor.platform.config;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/** The platform's tables (outbox, inbox, timers, idempotency keys) in every service's database. */
@AutoConfiguration
public class PlatformSchemaAutoConfiguration {

    /** Runs the platform's own migrations (outbox, inbox, timers) before the service's, with their own history. */
    @Bean
    @ConditionalOnMissingBean
    FlywayMigrationStrategy platformFirstMigrationStrategy() {
        return serviceFlyway -> {
            Flyway.configure()
                    .dataSource(serviceFlyway.getConfiguration().getDataSource())
                    .locations("classpath:db/platform")
                    .table("platform_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            // the schema already holds the platform tables: start the service's history below its V1
            Flyway.configure().configuration(serviceFlyway.getConfiguration())
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        };
    }
}
