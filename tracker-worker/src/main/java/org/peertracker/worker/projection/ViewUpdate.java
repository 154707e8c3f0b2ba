package org.peertracker.worker.projection;

import org.peertracker.worker.mongo.DocumentUpdate;

/**
 * An update an event makes to one view document, identified by its logical collection and its {@code _id} (keys as
 * the view contract makes them, e.g. {@code SupportCases.key}).
 */
public record ViewUpdate(String collection, String id, DocumentUpdate update) {}
