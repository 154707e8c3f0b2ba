package org.peertracker.views;

/**
 * {@code text_keys}: one data key per event with free text, wrapped (AES-GCM) under the organisation's key of
 * {@link #KEY_VERSION}; written and read by the API only. Deleting it erases every copy of the event's texts.
 */
public final class TextKeys {

    public static final String COLLECTION = "text_keys";

    public static final String ORG_ID = "orgId";
    public static final String EVENT_ID = "eventId";
    public static final String KEY_VERSION = "keyVersion";
    /** The wrapped data key: nonce, ciphertext and tag. */
    public static final String WRAPPED = "wrapped";

    public static final String CREATED_AT = "createdAt";

    private TextKeys() {}

    public static String key(String orgId, String eventId) {
        return ViewKey.of(orgId, eventId);
    }
}
