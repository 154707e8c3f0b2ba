package org.peertracker.events;

import java.util.List;

/**
 * A peer who joined the organisation's peer involvement.
 *
 * @param peerId  the peer who joined
 * @param roles   the roles the peer starts with, as catalogue codes; at least one
 * @param setting whether the peer works within the organisation or in an autonomous peer group
 */
public record PeerJoined(String peerId, List<String> roles, String setting) implements PeerPayload {

    public PeerJoined {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
