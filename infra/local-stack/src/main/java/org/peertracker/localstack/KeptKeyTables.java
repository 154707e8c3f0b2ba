package org.peertracker.localstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.peertracker.views.ErasedClientRefs;
import org.peertracker.views.ErasureAudit;
import org.peertracker.views.PseudonymTable;
import org.peertracker.views.TextKeys;

/**
 * The local stack's embedded MongoDB keeps nothing across restarts: the views are rebuilt from the Kafka log, which
 * is kept. The key tables cannot be rebuilt from anything (that is their point), so the launcher keeps them: it
 * writes them to {@code .local/key-tables.json} every few seconds and when it stops, and puts them back before the
 * services start. Without this every restart would erase every text and every client's link to its code.
 * A stack killed hard loses at most the last few seconds of new rows. Only for the embedded server: a real MongoDB
 * keeps its own data.
 */
final class KeptKeyTables implements AutoCloseable {

    static final List<String> TABLES = List.of(
            PseudonymTable.COLLECTION, TextKeys.COLLECTION, ErasedClientRefs.COLLECTION, ErasureAudit.COLLECTION);
    private static final JsonWriterSettings EXTENDED =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final MongoClient client;
    private final String database;
    private final Path file;
    private final ScheduledExecutorService every =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "key-tables"));
    private String written = "";

    private KeptKeyTables(String mongoUri, String database, Path file) {
        this.client = MongoClients.create(mongoUri);
        this.database = database;
        this.file = file;
    }

    /** Puts back what was kept, then keeps the tables every {@code seconds}. */
    static KeptKeyTables restoreAndKeep(String mongoUri, String database, Path file, int seconds) {
        var kept = new KeptKeyTables(mongoUri, database, file);
        kept.restore();
        kept.every.scheduleWithFixedDelay(kept::keepQuietly, seconds, seconds, TimeUnit.SECONDS);
        return kept;
    }

    private void restore() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            var db = client.getDatabase(database);
            var kept = Document.parse(Files.readString(file, StandardCharsets.UTF_8));
            for (var table : TABLES) {
                var rows = kept.getList(table, Document.class, List.of());
                if (!rows.isEmpty() && db.getCollection(table).countDocuments() == 0) {
                    db.getCollection(table).insertMany(rows);
                }
            }
            written = kept.toJson(EXTENDED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes the tables to the file when they changed (a new file moved over the old one). */
    void keep() throws IOException {
        var db = client.getDatabase(database);
        var kept = new Document();
        for (var table : TABLES) {
            kept.append(table, db.getCollection(table).find().into(new ArrayList<>()));
        }
        var json = kept.toJson(EXTENDED);
        if (json.equals(written)) {
            return;
        }
        var fresh = file.resolveSibling(file.getFileName() + ".new");
        // wrapped keys and hashes, never a code or a text; still the owner's alone, as the secrets beside it
        Files.deleteIfExists(fresh);
        Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(fresh, json, StandardCharsets.UTF_8);
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written = json;
    }

    private void keepQuietly() {
        try {
            keep();
        } catch (IOException | RuntimeException e) {
            System.err.println("the key tables could not be kept in " + file + ": " + e.getMessage());
        }
    }

    /** Keeps them a last time. */
    @Override
    public void close() {
        every.shutdownNow();
        keepQuietly();
        client.close();
    }
}
