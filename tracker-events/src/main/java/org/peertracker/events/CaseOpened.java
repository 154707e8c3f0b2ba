package org.peertracker.events;

import java.util.List;

/**
 * A support case opened for a client, who is known by a client code that the intake turns into a
 * {@code clientRef} before anything is published.
 *
 * @param clientCode the raw pseudonymous code as a field app sends it; required at the edge, never published
 * @param clientRef  the client's pseudonymous reference (random, from the organisation's pseudonym table); set by
 *                   the intake
 * @param needs      what the client asks support with, as catalogue codes; may be empty
 * @param referredBy who pointed the client to the organisation, as a catalogue code
 */
public record CaseOpened(String caseId, String clientCode, String clientRef, List<String> needs, String referredBy)
        implements SupportPayload, CarriesClientCode<CaseOpened> {

    public CaseOpened {
        needs = needs == null ? List.of() : List.copyOf(needs);
    }

    @Override
    public CaseOpened withClientRef(String ref) {
        return new CaseOpened(caseId, null, ref, needs, referredBy);
    }

    /** The client's reference and needs are the client's; the referral source is the organisation's. */
    @Override
    public CaseOpened withoutClient() {
        return new CaseOpened(caseId, null, null, List.of(), referredBy);
    }
}
