package com.cpor.platform.messaging;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.concurrent.TimeUnit;

/**
 * Kafka reachability for the readiness probe: a service that cannot reach a broker cannot publish its outbox
 * or consume, so it should not take traffic that would only pile up.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MILLIS = 3000;

    private final AdminClient admin;

    public KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka health check failed");
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS));
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .withDetail("brokers", cluster.nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size());
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
