/** MongoDB: the database, the offset-guarded writes of the views, the stored positions, and indexes. */
package org.peertracker.worker.mongo;
