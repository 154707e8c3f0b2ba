/**
 * MongoDB: the database, and the writes that make projection exactly once without transactions: mergeable document
 * updates, the offset-guarded writer, event claims and stored positions. Knows nothing of projectors.
 */
package org.peertracker.worker.mongo;
