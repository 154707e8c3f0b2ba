package org.peertracker.events;

/**
 * A payload that may name a client: it arrives with a raw client code, which the intake replaces by the client's
 * pseudonymous reference before anything is published. The reference, and whatever else the payload says about the
 * client, are the client's: an erasure of the client removes them (docs/privacy.md).
 */
public interface CarriesClientCode<P extends Payload> {

    /** The raw code as sent by a field app, or null. */
    String clientCode();

    /** The client's pseudonymous reference, as published; null before the intake or when no client is named. */
    String clientRef();

    /** A copy with the raw code dropped and the pseudonymous reference set. */
    P withClientRef(String clientRef);

    /**
     * A copy without anything that is the client's (its reference, and its needs where the payload has them), as the
     * views keep an event of an erased client: what was done stays, whom it was done for is gone.
     */
    P withoutClient();
}
