package org.peertracker.events;

/**
 * A role a peer gave up.
 *
 * @param peerId the peer whose role ended
 * @param role   the role, as a catalogue code
 */
public record RoleEnded(String peerId, String role) implements PeerPayload {}
