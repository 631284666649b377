package com.cpor.notificationservice.notification;

import com.cpor.events.CporEvent;
import com.cpor.events.Topics;
import com.cpor.platform.messaging.EventJson;
import com.cpor.devinfra.DevUser;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.devinfra.MailCapture;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestIdentity;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The service on real Kafka, PostgreSQL and a real SMTP server (GreenMail). Every IT class extends this,
 * so they share one application context; each test uses its own claim id and addresses.
 */
@ServiceIntegrationTest(properties = {
        "cpor.notifications.console-url=https://console.example",
        "cpor.notifications.time-zone=Europe/Warsaw",
        "cpor.notifications.delivery.poll-interval=100ms",
        "cpor.notifications.delivery.initial-backoff=1s",
        "cpor.notifications.delivery.max-backoff=2s",
        "cpor.notifications.delivery.max-attempts=3",
        "cpor.messaging.retries=2",
        "cpor.consent.link-encryption-key=" + SampleEvents.LINK_KEY,
        "cpor.messaging.retry-initial-interval=50ms",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN"})
abstract class NotificationServiceTestBase {

    static final MailCapture SMTP = MailCapture.start(0);
    static final EventProbe PROBE = new EventProbe(Infrastructure.kafka().bootstrapServers(),
            Topics.deadLetterOf(Topics.CLAIMS), Topics.deadLetterOf(Topics.REVIEWS));
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
    }

    static void publish(CporEvent event) {
        publishJson(Topics.topicOf(event.getClass()), event.claimId(), EventJson.write(event), event.typeName(),
                event.eventId().toString());
    }

    static void publishJson(String topic, String key, String json, String type, String id) {
        PROBE.send(topic, key, json, Map.of("ce_type", type, "ce_id", id, "ce_specversion", "1.0",
                "ce_source", "/cpor/test"));
    }

    static List<MimeMessage> mailTo(String address) {
        return SMTP.messagesTo(address);
    }

    static MimeMessage awaitOneMailTo(String address) {
        await().atMost(PATIENCE).until(() -> !mailTo(address).isEmpty());
        return mailTo(address).getFirst();
    }

    /** The body part of the given type (text/plain or text/html), decoded. */
    static String part(Part message, String mimeType) {
        try {
            if (message.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(message.getDisposition())) {
                return (String) message.getContent();
            }
            if (message.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart bodyPart = multipart.getBodyPart(i);
                    String found = part(bodyPart, mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, DevUser user) {
        return call(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    HttpResponse<String> post(String path, DevUser user) {
        return call(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), user);
    }

    JsonNode notificationsOf(String claimId) {
        HttpResponse<String> response = get("/api/v1/notifications?claimId=" + claimId, DevUser.STAFF);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET notifications: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("items");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request, DevUser user) {
        if (user != null) {
            request.header("Authorization", "Bearer " + TestIdentity.tokenFor(user));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
