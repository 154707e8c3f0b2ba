/** Live updates: the worker's view-change notifications pushed to open dashboards over Server-Sent Events. */
package org.peertracker.api.live;
