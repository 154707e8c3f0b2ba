package org.peertracker.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice on {@link Topics#ERASURES}: a client of the organisation was erased. Its pseudonym table row is destroyed,
 * so no client code leads to {@code clientRef} any more; a consumer that keeps events or anything derived from them
 * must drop {@code clientRef} (and a case's needs) wherever it holds this value, and keep counts as anonymous ones.
 * Never a code, never who asked.
 *
 * @param noticeId  the notice's id, to drop a redelivered one
 * @param clientRef the erased client's reference as it stood in the events
 * @param cause     {@code request} (a coordinator or an admin asked) or {@code retention} (the organisation's
 *                  retention period passed since the client was last seen)
 */
public record ClientErased(UUID noticeId, String orgId, String clientRef, String cause, Instant erasedAt) {

    public static final String REQUEST = "request";
    public static final String RETENTION = "retention";
}
