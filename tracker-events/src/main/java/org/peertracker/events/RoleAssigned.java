package org.peertracker.events;

/**
 * A role a peer took on.
 *
 * @param peerId the peer who took on the role
 * @param role   the role, as a catalogue code
 */
public record RoleAssigned(String peerId, String role) implements PeerPayload {}
