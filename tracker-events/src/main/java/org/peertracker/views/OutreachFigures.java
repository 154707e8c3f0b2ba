package org.peertracker.views;

/** The outreach figures that a session ({@link OutreachSessions}) and a day in an area ({@link OutreachDaily}) keep. */
public final class OutreachFigures {

    public static final String CONTACTS = "contacts";
    public static final String NEW_CONTACTS = "newContacts";
    /** Group sizes added up. */
    public static final String PEOPLE_REACHED = "peopleReached";
    /** Materials handed out (and needles returned) by name: {@code materials.<name>}. */
    public static final String MATERIALS = "materials";

    public static final String SIGNALS = "signals";

    private OutreachFigures() {}
}
