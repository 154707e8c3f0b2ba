package org.peertracker.events;

/**
 * Time a peer spent involved in a body or forum, such as a city council committee or a research steering group.
 *
 * @param peerId the peer who was involved
 * @param role   the role in which the peer took part, as a catalogue code
 * @param body   coded id of the body or forum, e.g. {@code city-council-drug-policy}
 * @param level  how far the peer's voice reached, from informed to leading, as a catalogue code
 * @param hours  time spent, in quarter hours: more than 0 and at most 24; a {@code double} because every
 *               quarter-hour value is exact in binary floating point
 */
public record InvolvementRecorded(String peerId, String role, String body, String level, double hours)
        implements PeerPayload {}
