package com.cpor.platform.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body limits of {@link RequestBodyLimitFilter} at their edges, per kind of body, on the servlet API alone
 * ({@code HostileInputIT} sends the same through a real container).
 */
class RequestBodyLimitFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(100, 50, 1000, JSON);

    @Test
    void a_json_body_of_exactly_the_limit_passes_and_one_byte_more_is_413() throws Exception {
        assertThat(passes(json(100))).isTrue();

        MockHttpServletResponse refused = run(json(101));
        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(refused.getContentAsString());
        assertThat(problem.get("title").asString()).isEqualTo("Payload too large");
        assertThat(problem.get("detail").asString()).isEqualTo("The request body may have at most 100 bytes");
        assertThat(problem.get("type").asString()).endsWith("payload-too-large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
    }

    @Test
    void a_chunked_body_is_read_up_to_the_limit_and_passed_on_whole() throws Exception {
        byte[] body = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = chunked(body);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed).isNotNull();
        assertThat(passed.getContentLengthLong()).isEqualTo(100);
        assertThat(passed.getContentLength()).isEqualTo(100);
        assertThat(passed.getInputStream().readAllBytes()).isEqualTo(body);
        assertThat(passed.getReader().readLine()).isEqualTo("x".repeat(100));
    }

    @Test
    void a_chunked_body_one_byte_over_the_limit_is_413_without_reading_further() throws Exception {
        byte[] body = new byte[10_000];
        MockHttpServletRequest request = chunked(body);

        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(request.getInputStream().readAllBytes()).hasSize(10_000 - 101);
    }

    @Test
    void a_buffered_chunked_body_reports_itself_to_non_blocking_readers_at_once() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletRequest request = chunked("abc".getBytes(StandardCharsets.UTF_8));
        request.setCharacterEncoding("ISO-8859-1");
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        ServletInputStream in = chain.getRequest().getInputStream();
        List<String> calls = new ArrayList<>();

        assertThat(in.isReady()).isTrue();
        assertThat(in.isFinished()).isFalse();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() {
                calls.add("data");
            }

            @Override
            public void onAllDataRead() {
                calls.add("done");
            }

            @Override
            public void onError(Throwable t) {
                calls.add("error");
            }
        });
        assertThat(calls).containsExactly("data", "done");
        byte[] buffer = new byte[8];
        assertThat(in.read(buffer, 0, 8)).isEqualTo(3);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.isFinished()).isTrue();

        calls.clear();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() {
                calls.add("data");
            }

            @Override
            public void onAllDataRead() throws IOException {
                throw new IOException("client went away");
            }

            @Override
            public void onError(Throwable t) {
                calls.add("error: " + t.getMessage());
            }
        });
        assertThat(calls).containsExactly("error: client went away");
        assertThat(((HttpServletRequest) chain.getRequest()).getReader().readLine()).isEqualTo("abc");
    }

    @Test
    void a_form_post_has_the_smaller_form_limit() throws Exception {
        assertThat(passes(form(50))).isTrue();
        MockHttpServletResponse refused = run(form(51));
        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(JSON.readTree(refused.getContentAsString()).get("detail").asString())
                .isEqualTo("The request body may have at most 50 bytes");
    }

    @Test
    void a_chunked_or_http2_form_post_without_a_length_is_411() throws Exception {
        MockHttpServletRequest chunked = form(-1);
        chunked.addHeader("Transfer-Encoding", "chunked");
        MockHttpServletResponse response = run(chunked);
        assertThat(response.getStatus()).isEqualTo(411);
        assertThat(JSON.readTree(response.getContentAsString()).get("detail").asString())
                .isEqualTo("A form post must declare its Content-Length");

        MockHttpServletRequest http2 = form(-1);
        http2.setProtocol("HTTP/2.0");
        assertThat(run(http2).getStatus()).isEqualTo(411);

        // HTTP/1.1 without a length or chunking has no body at all
        assertThat(passes(form(-1))).isTrue();
    }

    @Test
    void an_http2_form_post_that_declares_an_empty_body_passes() throws Exception {
        MockHttpServletRequest empty = form(0);
        empty.setProtocol("HTTP/2.0");

        assertThat(passes(empty)).isTrue();
    }

    @Test
    void a_multipart_body_has_the_multipart_limit_and_is_left_to_the_container_otherwise() throws Exception {
        assertThat(passes(typed("multipart/form-data; boundary=x", 1000))).isTrue();
        assertThat(run(typed("Multipart/Form-Data; boundary=x", 1001)).getStatus()).isEqualTo(413);

        MockHttpServletRequest chunkedUpload = typed("multipart/form-data; boundary=x", -1);
        chunkedUpload.addHeader("Transfer-Encoding", "chunked");
        chunkedUpload.setContent(new byte[5000]);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(chunkedUpload, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(chunkedUpload);
    }

    @Test
    void a_body_without_length_or_chunking_passes_untouched() throws Exception {
        MockHttpServletRequest request = typed(null, -1);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void one_limit_alone_applies_to_forms_too_and_leaves_multipart_to_the_container() throws Exception {
        RequestBodyLimitFilter single = new RequestBodyLimitFilter(100, JSON);
        MockHttpServletResponse response = new MockHttpServletResponse();
        single.doFilter(form(101), response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(413);

        MockFilterChain chain = new MockFilterChain();
        single.doFilter(typed("multipart/form-data; boundary=x", 1L << 40), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }

    private boolean passes(MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return chain.getRequest() != null && response.getStatus() == 200;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("a refused request goes no further").isNull();
        return response;
    }

    private static MockHttpServletRequest json(long length) {
        return typed("application/json", length);
    }

    private static MockHttpServletRequest form(long length) {
        return typed("application/x-www-form-urlencoded", length);
    }

    private static MockHttpServletRequest typed(String contentType, long length) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/claims") {
            @Override
            public long getContentLengthLong() {
                return length;
            }
        };
        if (contentType != null) {
            request.setContentType(contentType);
        }
        return request;
    }

    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = typed("application/json", -1);
        request.addHeader("Transfer-Encoding", "chunked");
        request.setContent(body);
        return request;
    }
}
