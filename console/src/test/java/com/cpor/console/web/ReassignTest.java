package com.cpor.console.web;

import com.cpor.console.api.ApiProblemException;
import com.cpor.console.api.ServiceApi;
import com.cpor.console.config.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A review lead reassigns a review: a reviewer chosen from the identity provider's list goes to review-service with
 * name and e-mail (so the notifications reach them); no choice is refused on the page; the API's refusal is shown.
 */
class ReassignTest {

    private static final ConsoleProperties.Reviewer IVAN =
            new ConsoleProperties.Reviewer("reviewer-2", "Ivan Petrov", "ivan@reviews.example");

    private final List<Map<String, Object>> sent = new ArrayList<>();
    private ApiProblemException refusal;

    @Test
    void a_reviewer_chosen_from_the_list_is_sent_with_name_and_email() {
        RedirectAttributesModelMap flash = new RedirectAttributesModelMap();

        String next = pages(List.of(IVAN)).reassign("c-1", " reviewer-2 ", "typed name", "", flash);

        assertThat(next).isEqualTo("redirect:/reviews/c-1");
        assertThat(sent).containsExactly(Map.of("reviewerId", "reviewer-2", "reviewerName", "Ivan Petrov",
                "reviewerEmail", "ivan@reviews.example"));
        assertThat(flash.getFlashAttributes().get("done")).isEqualTo("reassign");
    }

    @Test
    void without_a_chosen_reviewer_nothing_is_sent_and_the_page_says_why() {
        RedirectAttributesModelMap flash = new RedirectAttributesModelMap();

        pages(List.of(IVAN)).reassign("c-1", "  ", "", "", flash);

        assertThat(sent).isEmpty();
        assertThat(flash.getFlashAttributes().get("refusedKey")).isEqualTo("review.reassignMissing");
    }

    @Test
    void a_typed_reviewer_goes_as_typed_and_the_apis_refusal_is_shown() {
        refusal = new ApiProblemException(400, "Invalid input",
                Map.of("reviewerEmail", "must be a well-formed email address"));
        RedirectAttributesModelMap flash = new RedirectAttributesModelMap();

        pages(List.of()).reassign("c-1", "someone", "Some One", "not-an-address", flash);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("reviewerId", "someone");
        expected.put("reviewerName", "Some One");
        expected.put("reviewerEmail", "not-an-address");
        assertThat(sent).containsExactly(expected);
        assertThat(flash.getFlashAttributes().get("refused"))
                .isEqualTo(List.of("reviewerEmail: must be a well-formed email address"));
    }

    private ReviewPages pages(List<ConsoleProperties.Reviewer> reviewers) {
        ConsoleProperties properties = new ConsoleProperties("http://claims.invalid", "http://reviews.invalid",
                ZoneId.of("UTC"), reviewers);
        ServiceApi api = new ServiceApi(properties, null) {
            @Override
            public void reviewAction(String claimId, String action, Map<String, Object> body) {
                sent.add(body);
                if (refusal != null) {
                    throw refusal;
                }
            }
        };
        return new ReviewPages(api, properties);
    }
}
