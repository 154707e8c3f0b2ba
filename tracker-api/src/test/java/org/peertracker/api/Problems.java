package org.peertracker.api;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the API's error answers: RFC 9457 problem details that name the field and the rule. */
public final class Problems {

    private Problems() {}

    /**
     * That {@code response} is problem details with this status, naming this field ({@code null}: no field to name)
     * and this rule, and showing nothing of the code behind it.
     */
    public static void assertProblem(Http.Response response, int status, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().path("field").asString())
                    .as(response.body())
                    .isEqualTo(field);
        }
        assertThat(response.json().path("rule").asString()).as(response.body()).isEqualTo(rule);
        assertThat(response.body()).doesNotContain("Exception", "at org.", "at java.");
    }
}
