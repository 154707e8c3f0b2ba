package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A read the intake can do without is not tried again for a while after one failed: an outage costs one timeout. */
class ViewsReachabilityTest {

    private final Views views = new Views(null);
    private final AtomicInteger tries = new AtomicInteger();

    @Test
    void readsWhileMongoDbAnswers() {
        assertThat(views.whileReachable(() -> tries.incrementAndGet())).isEqualTo(1);
        assertThat(views.whileReachable(() -> tries.incrementAndGet())).isEqualTo(2);
    }

    @Test
    void afterAFailedReadRefusesAtOnceWithoutTrying() {
        assertThatThrownBy(() -> views.whileReachable(() -> {
                    tries.incrementAndGet();
                    throw new MongoTimeoutException("no server");
                }))
                .isInstanceOf(MongoTimeoutException.class);

        assertThatThrownBy(() -> views.whileReachable(() -> tries.incrementAndGet()))
                .isInstanceOf(MongoException.class)
                .hasMessageContaining("not tried again yet");
        assertThat(tries).hasValue(1);
    }
}
