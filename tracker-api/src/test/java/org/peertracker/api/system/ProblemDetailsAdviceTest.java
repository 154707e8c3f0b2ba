package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class ProblemDetailsAdviceTest {

    final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void answersAFailureWithProblemDetailsBeforeTheAnswerBegan() throws Exception {
        var answer = advice.onUnexpected(new IllegalStateException("boom"), new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).doesNotContain("boom");
    }

    @Test
    void leavesAFailureAfterTheAnswerBeganToTheContainerSoTheFileIsSeenCutShort() {
        var begun = new MockHttpServletResponse();
        begun.setCommitted(true);
        var failure = new IllegalStateException("boom");
        var away = new MongoSocketException("gone", new ServerAddress());

        assertThatThrownBy(() -> advice.onUnexpected(failure, begun)).isSameAs(failure);
        assertThatThrownBy(() -> advice.onViewsUnavailable(away, begun)).isSameAs(away);
    }
}
