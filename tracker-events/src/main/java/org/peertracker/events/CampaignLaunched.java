package org.peertracker.events;

import java.time.LocalDate;
import java.util.function.UnaryOperator;

/**
 * A campaign launched by the organisation's peers.
 *
 * @param name     the campaign's public name
 * @param goal     free text about what the campaign wants to change, never about people
 * @param startsOn the first day of the campaign
 * @param endsOn   the last planned day, or null while open-ended; meant not to be before {@code startsOn}, a
 *                 rule the JSON Schema cannot express
 */
public record CampaignLaunched(String campaignId, String name, String goal, LocalDate startsOn, LocalDate endsOn)
        implements CampaignPayload, CarriesFreeText<CampaignLaunched> {

    /** The goal is free text; the name is the campaign's public name, shown as it is. */
    @Override
    public CampaignLaunched withTexts(UnaryOperator<String> change) {
        return new CampaignLaunched(campaignId, name, CarriesFreeText.change(goal, change), startsOn, endsOn);
    }
}
