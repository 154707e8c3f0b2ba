package org.peertracker.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peertracker.views.PseudonymTable;
import org.peertracker.views.TextKeys;

/** The key tables outlive a restart of the embedded server; the views do not need to (they are rebuilt). */
class KeptKeyTablesTest {

    @TempDir
    Path dir;

    @Test
    void putsTheKeyTablesBackIntoAFreshServerAndNothingElse() throws Exception {
        var file = dir.resolve("key-tables.json");
        var first = EmbeddedMongo.start(0);
        var uri = "mongodb://127.0.0.1:" + first.getLocalAddress().getPort();
        try (var kept = KeptKeyTables.restoreAndKeep(uri, "tracker", file, 3600);
                var client = MongoClients.create(uri)) {
            var db = client.getDatabase("tracker");
            db.getCollection(PseudonymTable.COLLECTION)
                    .insertOne(new Document("_id", "mainline|k1|ab").append("ref", "r1"));
            db.getCollection(TextKeys.COLLECTION).insertOne(new Document("_id", "mainline|e1").append("keyVersion", 1));
            db.getCollection("support_cases").insertOne(new Document("_id", "mainline|c1"));
        }
        first.shutdownNow();
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

        var second = EmbeddedMongo.start(0);
        var uri2 = "mongodb://127.0.0.1:" + second.getLocalAddress().getPort();
        try (var kept = KeptKeyTables.restoreAndKeep(uri2, "tracker", file, 3600);
                var client = MongoClients.create(uri2)) {
            var db = client.getDatabase("tracker");
            assertThat(db.getCollection(PseudonymTable.COLLECTION).find().first())
                    .containsEntry("ref", "r1");
            assertThat(db.getCollection(TextKeys.COLLECTION).countDocuments()).isEqualTo(1);
            assertThat(db.getCollection("support_cases").countDocuments()).isZero();
        } finally {
            second.shutdownNow();
        }
    }
}
