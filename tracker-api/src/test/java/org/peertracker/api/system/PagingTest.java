package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void skipsTheItemsOfTheEarlierPagesUpToTheLastPageAnIntCanCount() {
        assertThat(Paging.of(3, 50).skip()).isEqualTo(150);
        assertThat(Paging.of(10_737_418, 200).skip()).isEqualTo(2_147_483_600);
    }

    @Test
    void refusesAPageWhoseFirstItemLiesBeyondAnyList() {
        for (var page : new int[] {10_737_419, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> Paging.of(page, 200)).isInstanceOfSatisfying(RequestProblem.class, problem -> {
                assertThat(problem.status().value()).isEqualTo(400);
                assertThat(problem.field()).isEqualTo("page");
                assertThat(problem.rule()).isEqualTo("max-page");
            });
        }
    }
}
