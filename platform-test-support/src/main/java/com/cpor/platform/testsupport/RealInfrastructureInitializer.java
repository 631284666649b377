package com.cpor.platform.testsupport;

import com.cpor.devinfra.PostgresServer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service's application context at the shared real infrastructure: its own database
 * ({@code <application name>_test}), the Kafka broker (single node: topics with one replica), and the test JWT
 * issuer.
 */
public class RealInfrastructureInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String application = context.getEnvironment().getProperty("spring.application.name", "service");
        PostgresServer postgres = Infrastructure.postgres();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.database(application.replace('-', '_') + "_test"));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", Infrastructure.kafka().bootstrapServers());
        // the test broker is a single node: production's replication 3 / min.insync.replicas 2 cannot be met there
        properties.put("cpor.messaging.replication-factor", "1");
        properties.put("cpor.messaging.min-insync-replicas", "1");
        properties.putAll(TestIdentity.provider().resourceServerProperties());
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("cpor-real-infrastructure", properties));
    }
}
