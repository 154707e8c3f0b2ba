package org.peertracker.events;

/**
 * A training a peer completed.
 *
 * @param peerId the peer who was trained
 * @param topic  what the training was about, as a catalogue code
 * @param hours  length of the training, in quarter hours: more than 0 and at most 80; a {@code double} because
 *               every quarter-hour value is exact in binary floating point
 */
public record TrainingCompleted(String peerId, String topic, double hours) implements PeerPayload {}
