package org.peertracker.api.privacy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;

class KeyTablesUnavailableTest {

    @Test
    void isAMongoDbFailureSoThatAReadAnswers503AsAnyOtherAndNever500() {
        assertThatThrownBy(() -> KeyTablesUnavailable.around(() -> {
                    throw new MongoSocketException("gone", new ServerAddress());
                }))
                .isInstanceOf(KeyTablesUnavailable.class)
                .isInstanceOf(MongoException.class)
                .hasMessageNotContaining("gone");
    }
}
