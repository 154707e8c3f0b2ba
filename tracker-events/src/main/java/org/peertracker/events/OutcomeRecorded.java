package org.peertracker.events;

/**
 * A result a campaign achieved, such as a changed policy or a new service.
 *
 * @param level the level at which the change happened, as a catalogue code
 * @param text  free text of up to 280 characters about the outcome, never about people
 */
public record OutcomeRecorded(String campaignId, String level, String text) implements CampaignPayload {}
