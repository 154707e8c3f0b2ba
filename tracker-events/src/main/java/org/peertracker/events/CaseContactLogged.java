package org.peertracker.events;

import java.util.List;

/**
 * A contact between a peer worker and the client of a case.
 *
 * @param mode    how the contact took place, as a catalogue code
 * @param minutes time spent, 1 to 720
 * @param topics  what was talked about, as catalogue codes; may be empty
 */
public record CaseContactLogged(String caseId, String mode, int minutes, List<String> topics)
        implements SupportPayload {

    public CaseContactLogged {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
