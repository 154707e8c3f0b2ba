package org.peertracker.worker.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcernResult;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * What a real replica set answers during a failover, built from the server's error documents as the driver receives
 * them: each is an outage (wait, resume), never a poison record; what is the record's fault is not.
 */
class MongoOutageTest {

    static final ServerAddress SERVER = new ServerAddress("mongo-1", 27017);

    @ParameterizedTest(name = "{1} ({0})")
    @CsvSource({
        "10107, NotWritablePrimary",
        "13435, NotPrimaryNoSecondaryOk",
        "13436, NotPrimaryOrSecondary",
        "189, PrimarySteppedDown",
        "11600, InterruptedAtShutdown",
        "11602, InterruptedDueToReplStateChange",
        "91, ShutdownInProgress",
        "6, HostUnreachable",
        "7, HostNotFound",
        "89, NetworkTimeout",
        "9001, SocketException",
        "262, ExceededTimeLimit"
    })
    void takesAFailoverErrorOfTheServerForAnOutage(int code, String name) {
        assertThat(failures(code, name)).allMatch(MongoOutage::isOutage);
    }

    @ParameterizedTest
    @CsvSource({"RetryableWriteError", "TransientTransactionError", "NetworkError"})
    void takesAnErrorLabelledRetryableForAnOutageWhateverItsCode(String label) {
        assertThat(MongoOutage.isOutage(command(1, "InternalError", List.of(label))))
                .isTrue();
    }

    @Test
    void takesAWriteConcernErrorForAnOutage() {
        var concern = new WriteConcernError(
                64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument());
        assertThat(MongoOutage.isOutage(
                        new MongoWriteConcernException(concern, WriteConcernResult.unacknowledged(), SERVER, Set.of())))
                .isTrue();
        assertThat(MongoOutage.isOutage(bulk(List.of(), concern))).isTrue();
    }

    @Test
    void takesANetworkErrorForAnOutageAlsoWhenTheListenerWrappedIt() {
        var network = new MongoSocketReadException("Prematurely reached end of stream", SERVER);
        assertThat(MongoOutage.isOutage(network)).isTrue();
        assertThat(MongoOutage.isOutage(new BatchListenerFailedException("cannot write", network, 3)))
                .isTrue();
    }

    @ParameterizedTest(name = "{1} ({0})")
    @CsvSource({
        "11000, DuplicateKey",
        "121, DocumentValidationFailure",
        "2, BadValue",
        "17419, DocumentTooLarge",
        "40, ConflictingUpdateOperators"
    })
    void leavesTheRecordsOwnFaultsToTheDeadLetters(int code, String name) {
        assertThat(failures(code, name)).noneMatch(MongoOutage::isOutage);
        assertThat(MongoOutage.isOutage(new IllegalStateException("not MongoDB")))
                .isFalse();
    }

    /** A server error of this code as each kind of request meets it: a command, a single write, a bulk write. */
    private static List<MongoException> failures(int code, String name) {
        return List.of(
                command(code, name, List.of()),
                new MongoWriteException(new WriteError(code, name, new BsonDocument()), SERVER, Set.of()),
                bulk(List.of(new BulkWriteError(code, name, new BsonDocument(), 0)), null));
    }

    /** A command's error as the server sends it: {ok: 0, code, codeName, errmsg, errorLabels}. */
    private static MongoException command(int code, String name, List<String> labels) {
        var response = new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(code))
                .append("codeName", new BsonString(name))
                .append("errmsg", new BsonString(name + " (test)"))
                .append(
                        "errorLabels",
                        new BsonArray(labels.stream().map(BsonString::new).toList()));
        return new MongoCommandException(response, SERVER);
    }

    private static MongoBulkWriteException bulk(List<BulkWriteError> errors, WriteConcernError concern) {
        return new MongoBulkWriteException(BulkWriteResult.unacknowledged(), errors, concern, SERVER, Set.of());
    }
}
