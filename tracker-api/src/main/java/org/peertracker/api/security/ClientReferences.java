package org.peertracker.api.security;

import java.util.Optional;

/**
 * A client code as the views know it: the pseudonymous reference the intake makes of it, so that a lookup compares
 * references, never codes. Empty for an organisation that has no key (its client codes are never taken).
 */
public interface ClientReferences {

    Optional<String> reference(String orgId, String clientCode);
}
