package org.peertracker.localstack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.UUID;

/**
 * The in-memory MongoDB-compatible server (mongo-java-server) of the local stack and of the tests without Docker,
 * reached with the real driver.
 */
public final class EmbeddedMongo {

    private EmbeddedMongo() {}

    /** Binds to 127.0.0.1 on the port; 0 takes a free one (see {@link MongoServer#getLocalAddress()}). */
    public static MongoServer start(int port) {
        MongoServer server = new MongoServer(new Backend());
        server.bind("127.0.0.1", port);
        return server;
    }

    /** A server that can go away and come back, for fault tests; see {@link Restartable}. */
    public static Restartable restartable(int port) {
        return new Restartable(port);
    }

    /**
     * A server that can go away, as a crashed or stopped MongoDB does (its clients' connections cut, nothing
     * listening), and come back on the same port with the same data: the memory backend outlives the stop.
     */
    public static final class Restartable implements AutoCloseable {

        private final Backend backend = new Backend(true);
        private final int port;
        private MongoServer server;

        private Restartable(int port) {
            server = new MongoServer(backend);
            server.bind("127.0.0.1", port);
            this.port = server.getLocalAddress().getPort();
        }

        public int port() {
            return port;
        }

        public String connectionString() {
            return "mongodb://127.0.0.1:" + port;
        }

        public synchronized boolean isListening() {
            return server != null;
        }

        /** Stops listening and closes every client connection; the data stays for {@link #restart()}. */
        public synchronized void stop() {
            if (server != null) {
                server.shutdownNow();
                server = null;
            }
        }

        /** Listens again on the same port, with the data it held when stopped. */
        public synchronized void restart() {
            if (server == null) {
                server = new MongoServer(backend);
                server.bind("127.0.0.1", port);
            }
        }

        /** Stops for good and drops the data. */
        @Override
        public synchronized void close() {
            stop();
            backend.closeForGood();
        }
    }

    /**
     * Spring Boot's MongoDB health indicator sends {@code hello} to every database, which mongo-java-server only
     * understands under its older name, {@code isMaster}; without this the applications would report DOWN.
     */
    private static final class Backend extends MemoryBackend {

        /** When true, a server's shutdown leaves the data in place, for the next server on this backend. */
        private final boolean outlivesServer;

        Backend() {
            this(false);
        }

        Backend(boolean outlivesServer) {
            this.outlivesServer = outlivesServer;
        }

        @Override
        public void close() {
            if (!outlivesServer) {
                super.close();
            }
        }

        void closeForGood() {
            super.close();
        }

        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new IdLookupDatabase(databaseName, getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if (command.equalsIgnoreCase("hello")) {
                Document reply = super.handleCommand(channel, database, "isMaster", query);
                reply.put("isWritablePrimary", Boolean.TRUE);
                return reply;
            }
            return super.handleCommand(channel, database, command, query);
        }
    }

    private static final class IdLookupDatabase extends MemoryDatabase {

        IdLookupDatabase(String name, CursorRegistry cursorRegistry) {
            super(name, cursorRegistry);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IdLookupCollection(this, collectionName, options, cursorRegistry);
        }
    }

    /**
     * mongo-java-server uses its {@code _id} index only for a query on {@code _id} alone, and scans the whole
     * collection for {@code {_id: x, other conditions}} — the worker's guarded upserts — which makes every write cost
     * the size of its collection (a rebuild from a large log turns quadratic). Real MongoDB looks such a query up by
     * {@code _id}; so does this: the candidates come from the index, and the full query still decides on each.
     */
    private static final class IdLookupCollection extends MemoryCollection {

        IdLookupCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
            Object id = idOf(query);
            if (id != null && query.size() > 0 && !(query.size() == 1 && query.containsKey("_id"))) {
                var byId = new Document("_id", id);
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(
                                query,
                                index.getPositions(byId),
                                orderBy,
                                numberToSkip,
                                limit,
                                batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** The literal {@code _id} the query requires, at its top or in a top-level {@code $and}; else null. */
        private static Object idOf(Document query) {
            if (isLiteral(query.get("_id"))) {
                return query.get("_id");
            }
            if (query.get("$and") instanceof List<?> all) {
                for (Object part : all) {
                    if (part instanceof Document condition && isLiteral(condition.get("_id"))) {
                        return condition.get("_id");
                    }
                }
            }
            return null;
        }

        private static boolean isLiteral(Object value) {
            return value instanceof String
                    || value instanceof UUID
                    || value instanceof de.bwaldvogel.mongo.bson.ObjectId;
        }
    }
}
