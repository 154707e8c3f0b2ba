/** Outreach views: daily figures per area. */
package org.peertracker.api.outreach;
