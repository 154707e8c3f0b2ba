package org.peertracker.worker.privacy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.peertracker.events.ClientErased;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.views.ErasedClientRefs;
import org.peertracker.worker.projection.MongoOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Acts on the erasure notices: makes sure the reference's tombstone exists (the API writes it first), scrubs the
 * reference from every view and generation at once, and again after {@code tracker.erasure.rescrub-after} (default
 * one minute), for a batch that read the reference before the tombstone existed and wrote it after the first scrub.
 * So an erasure reaches every view within a minute or two of the request.
 */
@Component
class ErasureNotices {

    private static final Logger log = LoggerFactory.getLogger(ErasureNotices.class);

    private final MongoDatabase database;
    private final ClientScrubs scrubs;
    private final Duration rescrubAfter;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "erasure-rescrub");
        thread.setDaemon(true);
        return thread;
    });

    ErasureNotices(MongoDatabase database, @Value("${tracker.erasure.rescrub-after:60s}") Duration rescrubAfter) {
        this.database = database;
        this.scrubs = new ClientScrubs(database);
        this.rescrubAfter = rescrubAfter;
    }

    /** The reference's tombstone (the API writes it first; made here if not), and its anonymous token. */
    private String tombstone(String key, ClientErased notice) {
        var tombstone = database.getCollection(ErasedClientRefs.COLLECTION)
                .findOneAndUpdate(
                        new Document("_id", key),
                        Updates.combine(
                                Updates.setOnInsert(ErasedClientRefs.ERASED_AT, Date.from(notice.erasedAt())),
                                Updates.setOnInsert(
                                        ErasedClientRefs.TOKEN,
                                        UUID.randomUUID().toString().replace("-", ""))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return tombstone.getString(ErasedClientRefs.TOKEN);
    }

    @KafkaListener(
            id = "erasure-notices",
            groupId = "${tracker.projection.group-prefix:tracker-worker}.erasures",
            containerFactory = "erasureListenerFactory",
            topics = Topics.ERASURES)
    void on(ConsumerRecord<String, byte[]> record) {
        ClientErased notice;
        try {
            notice = EventCodec.mapper().readValue(record.value(), ClientErased.class);
        } catch (RuntimeException e) {
            log.warn(
                    "erasure notice {}-{}@{} cannot be read ({}): skipped",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getClass().getSimpleName());
            return;
        }
        if (notice.orgId() == null || notice.clientRef() == null) {
            return;
        }
        var key = ErasedClientRefs.key(notice.orgId(), notice.clientRef());
        // a notice is never skipped: while MongoDB is out, it waits as a projection does
        var token = new MongoOutage("erasures", () -> true).waitOut(() -> tombstone(key, notice));
        long changed = new MongoOutage("erasures", () -> true)
                .waitOut(() -> scrubs.scrub(notice.orgId(), notice.clientRef(), token));
        log.info("erasure notice {} of {}: {} view document(s) scrubbed", notice.noticeId(), notice.orgId(), changed);
        later.schedule(
                () -> {
                    try {
                        scrubs.scrub(notice.orgId(), notice.clientRef(), token);
                    } catch (RuntimeException e) {
                        log.warn("erasure notice {}: the second scrub failed: {}", notice.noticeId(), e.toString());
                    }
                },
                rescrubAfter.toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
