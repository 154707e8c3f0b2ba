package org.peertracker.events;

/**
 * An action of a campaign, such as a demonstration, a media appearance or a policy meeting.
 *
 * @param actionId     the action's id within the campaign
 * @param kind         what sort of action, as a catalogue code
 * @param city         the city where it took place, as written locally, e.g. {@code 's-Hertogenbosch}
 * @param participants people who took part in the action
 * @param audience     people estimated to have been reached
 * @param mediaHits    articles, broadcasts and posts that covered it
 */
public record ActionRecorded(
        String campaignId, String actionId, String kind, String city, int participants, int audience, int mediaHits)
        implements CampaignPayload {}
