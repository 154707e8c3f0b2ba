package org.peertracker.events;

/** Events of a campaign, published to {@link Topics#CAMPAIGN}. */
public sealed interface CampaignPayload extends Payload
        permits CampaignLaunched, ActionRecorded, OutcomeRecorded, CampaignClosed {

    String campaignId();

    @Override
    default String subject() {
        return campaignId();
    }
}
