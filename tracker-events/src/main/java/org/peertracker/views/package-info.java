/**
 * The view contract: the MongoDB collections the worker writes and the API reads, their field names, document keys
 * and generations, and the view-change notification. Names only, no driver: both services and any other reader of
 * the views depend on this one place instead of repeating string literals.
 */
package org.peertracker.views;
