package org.peertracker.events;

/** A payload that may arrive with a raw client code, which must be replaced before it is published. */
public interface CarriesClientCode<P extends Payload> {

    /** The raw code as sent by a field app, or null. */
    String clientCode();

    /** A copy with the raw code dropped and the pseudonymous reference set. */
    P withClientRef(String clientRef);
}
