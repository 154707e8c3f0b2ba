package org.peertracker.views;

/** Dotted paths into view documents. */
public final class FieldPath {

    private FieldPath() {}

    /** E.g. {@code of(SupportCases.OPENING, Opening.PEER_ID)} is {@code opening.peerId}. */
    public static String of(String... fields) {
        return String.join(".", fields);
    }
}
