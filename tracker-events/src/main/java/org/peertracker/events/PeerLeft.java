package org.peertracker.events;

/**
 * A peer who left the organisation's peer involvement.
 *
 * @param peerId the peer who left
 */
public record PeerLeft(String peerId) implements PeerPayload {}
