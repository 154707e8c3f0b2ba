package org.peertracker.events;

import java.math.BigDecimal;

/**
 * A payment to a peer for their work, so that peer involvement is paid and the payments can be accounted for.
 *
 * @param peerId   the peer who was paid
 * @param amount   more than 0 and at most 10000, in whole cents; a {@link BigDecimal} because cents are not
 *                 exact in binary floating point
 * @param currency ISO 4217 code, e.g. {@code EUR}
 * @param method   how it was paid, as a catalogue code
 * @param forRole  the role the payment is for, as a catalogue code
 */
public record CompensationPaid(String peerId, BigDecimal amount, String currency, String method, String forRole)
        implements PeerPayload {}
