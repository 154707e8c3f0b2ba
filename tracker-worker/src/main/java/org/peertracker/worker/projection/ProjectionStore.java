package org.peertracker.worker.projection;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.peertracker.service.corrections.CorrectionSettings;
import org.peertracker.worker.mongo.CorrectionLog;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.GuardedWriter;
import org.peertracker.worker.mongo.Positions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where every projection keeps what it writes, one per worker: the views' database, the guarded writer of their
 * documents, the positions, the event claims and the kept corrections, and how long after an event its peer may
 * correct it. A live listener, a rebuild's listener and their correctors share it.
 */
@Component
public record ProjectionStore(
        MongoDatabase database,
        GuardedWriter writer,
        Positions positions,
        EventClaims claims,
        CorrectionLog corrections,
        Duration correctionWindow) {

    @Autowired
    ProjectionStore(
            MongoDatabase database,
            GuardedWriter writer,
            Positions positions,
            EventClaims claims,
            CorrectionLog corrections,
            CorrectionSettings settings) {
        this(database, writer, positions, claims, corrections, settings.window());
    }
}
