package org.peertracker.service.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;

class ViewsDatabaseTest {

    @Test
    void writesWithTheMajorityAndReadsFromThePrimaryWhateverTheConnectionStringSays() {
        // the driver connects lazily: nothing listens here, and nothing needs to
        try (var client = MongoClients.create("mongodb://127.0.0.1:1/?w=1&readPreference=secondaryPreferred")) {
            var database = ViewsDatabase.of(client, "views");

            assertThat(database.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
            assertThat(database.getReadPreference()).isEqualTo(ReadPreference.primary());
            assertThat(database.getName()).isEqualTo("views");
        }
    }
}
