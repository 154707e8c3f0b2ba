package org.peertracker.events;

import java.util.function.UnaryOperator;

/**
 * A result a campaign achieved, such as a changed policy or a new service.
 *
 * @param level the level at which the change happened, as a catalogue code
 * @param text  free text of up to 280 characters about the outcome, never about people
 */
public record OutcomeRecorded(String campaignId, String level, String text)
        implements CampaignPayload, CarriesFreeText<OutcomeRecorded> {

    @Override
    public OutcomeRecorded withTexts(UnaryOperator<String> change) {
        return new OutcomeRecorded(campaignId, level, CarriesFreeText.change(text, change));
    }
}
