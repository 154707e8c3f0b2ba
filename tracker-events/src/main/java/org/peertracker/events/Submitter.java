package org.peertracker.events;

/**
 * Who sent an event, set by the intake from the bearer token, never by a client: beside the envelope's
 * {@code peerId} (who did the activity), so that a coordinator logging for a peer shows as such.
 *
 * @param role    the token's role in the organisation: {@code peer}, {@code coordinator} or {@code admin}
 * @param subject the token's subject (an opaque id of the issuer's)
 * @param peerId  the peer's own id, for a peer's token; null otherwise
 */
public record Submitter(String role, String subject, String peerId) {}
