package org.peertracker.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The in-memory MongoDB-compatible server (mongo-java-server) of the local stack and of the tests without Docker,
 * reached with the real driver.
 */
public final class EmbeddedMongo {

    private EmbeddedMongo() {
    }

    /** Binds to 127.0.0.1 on the port; 0 takes a free one (see {@link MongoServer#getLocalAddress()}). */
    public static MongoServer start(int port) {
        MongoServer server = new MongoServer(new Backend());
        server.bind("127.0.0.1", port);
        return server;
    }

    /**
     * Spring Boot's MongoDB health indicator sends {@code hello} to every database, which mongo-java-server only
     * understands under its older name, {@code isMaster}; without this the applications would report DOWN.
     */
    private static final class Backend extends MemoryBackend {

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
}
