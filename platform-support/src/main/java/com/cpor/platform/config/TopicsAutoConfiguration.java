package com.cpor.platform.config;

import com.cpor.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The topics a service writes and reads, and the dead-letter topics of those it reads, created on start-up. */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class TopicsAutoConfiguration {

    /**
     * The topics this service writes and reads, and the dead-letter topics of those it reads, all with the same
     * partitions and explicit retention, replication and {@code min.insync.replicas}. Declaring what it reads means
     * a consumer never subscribes to a missing topic, whatever order the services start in (brokers do not
     * auto-create topics: an auto-created topic has the broker's partition count and defaults).
     */
    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformProperties properties) {
        PlatformProperties.Messaging settings = properties.messaging();
        List<NewTopic> topics = new ArrayList<>();
        Stream.concat(settings.publishes().stream(), settings.consumes().stream())
                .distinct()
                .forEach(name -> topics.add(topic(name, settings.retention(), settings)));
        settings.consumes().stream().map(Topics::deadLetterOf).distinct()
                .forEach(name -> topics.add(topic(name, settings.deadLetterRetention(), settings)));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, Duration retention, PlatformProperties.Messaging settings) {
        return TopicBuilder.name(name)
                .partitions(settings.partitions())
                .replicas(settings.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas()))
                .build();
    }
}
