package com.cpor.platform.web.container;

import com.cpor.platform.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What Tomcat refuses before Spring sees the request is still a problem+json answer, never an HTML page. */
@ServiceIntegrationTest
class ContainerErrorsIT {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/test/security/me/%ZZ", "/test/security/a%", "/test/security/%C0%AE%C0%AE",
            "/test/security/%ED%A0%80", "/test/security/%FF", "/test/security/a%00b", "/test/security/..%2F..%2Fetc"})
    void a_malformed_url_is_a_400_problem(String target) throws IOException {
        String answer = rawGet(target);

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":400").doesNotContain("<html", "Apache Tomcat");
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 200_000})
    void a_request_line_over_the_limit_is_a_400_problem(int length) throws IOException {
        String answer = rawGet("/test/security/me?q=" + "a".repeat(length));

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
                .doesNotContain("<html");
    }

    private String rawGet(String target) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
