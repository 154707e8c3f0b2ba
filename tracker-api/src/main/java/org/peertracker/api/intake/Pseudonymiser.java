package org.peertracker.api.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.peertracker.events.CarriesClientCode;
import org.peertracker.events.Event;
import org.peertracker.events.Payload;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Replaces a raw client code by {@code clientRef} = HMAC-SHA-256(org secret, normalised code), before anything is
 * published. Each organisation has its own secret, so the same person gets unrelated references in two
 * organisations. A secret is configured per organisation, or derived from one master secret per deployment.
 */
@Component
class Pseudonymiser {

    private static final String HMAC = "HmacSHA256";

    /**
     * @param secret     master secret; an organisation's key is HMAC(secret, "org:" + orgId)
     * @param orgSecrets secrets set per organisation, taking precedence over the master secret
     */
    @ConfigurationProperties("tracker.pseudonymisation")
    record Secrets(String secret, Map<String, String> orgSecrets) {

        Secrets {
            orgSecrets = orgSecrets == null ? Map.of() : Map.copyOf(orgSecrets);
            if ((secret == null || secret.isBlank()) && orgSecrets.isEmpty()) {
                throw new IllegalStateException(
                        "no pseudonymisation secret: set TRACKER_PSEUDONYMISATION_SECRET (the local stack makes one)");
            }
        }
    }

    private final Secrets secrets;

    Pseudonymiser(Secrets secrets) {
        this.secrets = secrets;
    }

    Event pseudonymise(Event event) {
        if (event.payload() instanceof CarriesClientCode<?> carrier && carrier.clientCode() != null) {
            Payload replaced = carrier.withClientRef(reference(event.orgId(), carrier.clientCode()));
            return event.withPayload(replaced);
        }
        return event;
    }

    String reference(String orgId, String clientCode) {
        var normalised = clientCode.strip().toUpperCase(Locale.ROOT);
        return HexFormat.of().formatHex(hmac(keyOf(orgId), normalised.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] keyOf(String orgId) {
        var own = secrets.orgSecrets().get(orgId);
        if (own != null) {
            return own.getBytes(StandardCharsets.UTF_8);
        }
        if (secrets.secret() == null || secrets.secret().isBlank()) {
            throw new IllegalStateException("no pseudonymisation secret for this organisation");
        }
        return hmac(secrets.secret().getBytes(StandardCharsets.UTF_8), ("org:" + orgId).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
