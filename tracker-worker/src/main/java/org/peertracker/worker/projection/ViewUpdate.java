package org.peertracker.worker.projection;

import org.peertracker.worker.mongo.DocumentUpdate;

/** An update an event makes to one view document, identified by collection and {@code _id}. */
public record ViewUpdate(String collection, String id, DocumentUpdate update) {
}
