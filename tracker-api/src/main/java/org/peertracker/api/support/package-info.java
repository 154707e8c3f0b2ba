/** Support (case work): cases, caseloads per peer, referrals. */
package org.peertracker.api.support;
