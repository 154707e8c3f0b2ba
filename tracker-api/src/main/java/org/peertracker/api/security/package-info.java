/**
 * Who may log and who may see: bearer tokens (JWT) mapped into a {@link org.peertracker.api.security.Caller}, the
 * rules per role and organisation, and the small-count suppression of analysts' answers.
 */
package org.peertracker.api.security;
