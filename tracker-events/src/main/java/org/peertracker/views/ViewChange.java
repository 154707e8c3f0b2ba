package org.peertracker.views;

import java.util.List;

/**
 * A notification on {@code tracker.view-changes}, keyed by organisation: the worker applied events that changed
 * these documents of a view (its logical name). Best effort: a lost one costs a dashboard a refresh.
 */
public record ViewChange(String view, List<String> ids, String orgId) {}
