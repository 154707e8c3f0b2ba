package org.peertracker.events;

/**
 * Events about a peer's involvement, published to {@link Topics#PEER}. The payload's {@code peerId} is the peer
 * the event is about; the envelope's {@code peerId} is whoever recorded it, often a coordinator.
 */
public sealed interface PeerPayload extends Payload
        permits PeerJoined,
                RoleAssigned,
                RoleEnded,
                InvolvementRecorded,
                TrainingCompleted,
                CompensationPaid,
                PeerLeft {

    String peerId();

    @Override
    default String subject() {
        return peerId();
    }
}
