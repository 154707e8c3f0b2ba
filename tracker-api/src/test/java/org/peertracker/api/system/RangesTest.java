package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RangesTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-27");

    @Test
    void takesTheDaysOfALengthUpToTodayOrUpToTheGivenEndWhenNoStartIsGiven() {
        assertThat(Ranges.days(null, null, TODAY, 7)).isEqualTo(new Ranges.Days(LocalDate.parse("2026-11-21"), TODAY));
        assertThat(Ranges.days(null, LocalDate.parse("2026-11-10"), TODAY, 30))
                .isEqualTo(new Ranges.Days(LocalDate.parse("2026-10-12"), LocalDate.parse("2026-11-10")));
        assertThat(Ranges.days(LocalDate.parse("2026-01-01"), null, TODAY, 7))
                .isEqualTo(new Ranges.Days(LocalDate.parse("2026-01-01"), TODAY));
    }

    @Test
    void refusesAStartAfterTheEndAndARangeOfMoreThan366Days() {
        assertThatThrownBy(() -> Ranges.days(TODAY.plusDays(1), TODAY, TODAY, 7))
                .isInstanceOfSatisfying(
                        RequestProblem.class,
                        problem -> assertThat(problem.rule()).isEqualTo("not-after-to"));
        assertThatThrownBy(() -> Ranges.days(TODAY.minusDays(366), TODAY, TODAY, 7))
                .isInstanceOfSatisfying(
                        RequestProblem.class,
                        problem -> assertThat(problem.field()).isEqualTo("to"));
    }
}
