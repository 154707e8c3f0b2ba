/** The peers' field app (static files under static/field): its address and the sign-in settings it reads. */
package org.peertracker.api.field;
