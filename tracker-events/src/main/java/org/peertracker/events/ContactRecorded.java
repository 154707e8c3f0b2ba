package org.peertracker.events;

import java.util.List;

/**
 * A contact during an outreach session: anonymous, or with a client code that the intake turns into a
 * {@code clientRef} before anything is published.
 *
 * @param area       where the contact happened, so daily figures per area need no session lookup
 * @param clientCode the raw pseudonymous code as a field app sends it; never published
 * @param clientRef  the client's pseudonymous reference (random, from the organisation's pseudonym table); set by
 *                   the intake
 * @param groupSize  people reached by this contact (a contact may be a small group)
 */
public record ContactRecorded(
        String sessionId,
        String area,
        boolean anonymous,
        String clientCode,
        String clientRef,
        int groupSize,
        boolean newContact,
        Materials materials,
        List<String> topics)
        implements OutreachPayload, CarriesClientCode<ContactRecorded> {

    public ContactRecorded {
        materials = materials == null ? Materials.NONE : materials;
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    @Override
    public ContactRecorded withClientRef(String ref) {
        return new ContactRecorded(sessionId, area, anonymous, null, ref, groupSize, newContact, materials, topics);
    }

    /** The contact stays counted, as a contact with a client no longer known. */
    @Override
    public ContactRecorded withoutClient() {
        return new ContactRecorded(sessionId, area, anonymous, null, null, groupSize, newContact, materials, topics);
    }
}
