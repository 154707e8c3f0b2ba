package org.peertracker.events;

/** The type-specific part of an event; each family of the catalogue seals its own types. */
public sealed interface Payload
        permits SupportPayload, OutreachPayload, CampaignPayload, PeerPayload, CorrectionPayload {

    /** The id of the case, session, campaign or peer the event is about; the Kafka record key. */
    String subject();
}
