package org.peertracker.events;

/** A campaign closed. */
public record CampaignClosed(String campaignId) implements CampaignPayload {}
