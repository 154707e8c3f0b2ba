package org.peertracker.views;

import java.util.regex.Pattern;

/**
 * {@code clients_reached}: one document per organisation, month (in the views' zone) and area ({@link #key}) with the
 * distinct clients reached there: outreach contacts with a client reference, in the contact's area, and clients of
 * cases opened that month, under {@link #NO_AREA} (a case has no area). {@link #CLIENTS} is the only place this view
 * keeps client references: a set, {@code {<clientRef>: true}}, so that replacing one reference by another (an erased
 * client's by an anonymous token, {@code $rename}) keeps every count.
 */
public final class ClientsReached {

    public static final String COLLECTION = "clients_reached";

    public static final String ORG_ID = "orgId";
    /** {@code yyyy-MM}. */
    public static final String MONTH = "month";
    /** The contact's area, or {@link #NO_AREA}. */
    public static final String AREA = "area";
    /** The set of client references: each a field name whose value is {@code true}. */
    public static final String CLIENTS = "clients";

    /** The area of the clients of cases: not an area id, which begins with a letter or a digit. */
    public static final String NO_AREA = "(none)";

    /**
     * What a client reference must look like to be kept as a field name (the intake's are 32 hex digits; an erasure's
     * token must fit too): no dot, no {@code $}.
     */
    public static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private ClientsReached() {}

    public static String key(String orgId, String month, String area) {
        return ViewKey.of(orgId, month, area);
    }
}
