package org.peertracker.api.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.peertracker.api.security.ClientReferences;
import org.peertracker.events.CarriesClientCode;
import org.peertracker.events.Event;
import org.peertracker.events.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Replaces a raw client code by {@code clientRef} = HMAC-SHA-256(org key, normalised code), before anything is
 * published. Each organisation has its own key, so the same person gets unrelated references in two organisations:
 * its own secret, or, where the deployment chose so, a key derived from one master secret. An organisation with
 * neither gets no client code taken.
 */
@Component
class Pseudonymiser implements ClientReferences {

    private static final Logger log = LoggerFactory.getLogger(Pseudonymiser.class);
    private static final String HMAC = "HmacSHA256";

    /**
     * The pseudonymisation settings as configured; {@link PseudonymisationSecrets} reads and checks them once.
     *
     * @param secret        master secret, from which the keys of organisations without their own are derived
     * @param secretFile    a file holding the master secret, instead of {@code secret}
     * @param orgSecrets    secrets of organisations, set in the configuration
     * @param orgSecretsDir a directory of one file per organisation, named by its id, holding its secret
     * @param deriveOrgKeys whether an organisation without a secret of its own is keyed with
     *                      HMAC(master secret, "org:" + orgId); if not, its events with a client code are rejected
     */
    @ConfigurationProperties("tracker.pseudonymisation")
    record Settings(
            String secret,
            String secretFile,
            Map<String, String> orgSecrets,
            String orgSecretsDir,
            @DefaultValue("false") boolean deriveOrgKeys) {

        Settings {
            orgSecrets = orgSecrets == null ? Map.of() : Map.copyOf(orgSecrets);
        }

        /** Never the secrets: a record would print them. */
        @Override
        public String toString() {
            return "Settings[secret=" + (secret == null || secret.isBlank() ? "none" : "set") + ", secretFile="
                    + secretFile
                    + ", orgSecrets=" + orgSecrets.keySet() + ", orgSecretsDir=" + orgSecretsDir
                    + ", deriveOrgKeys=" + deriveOrgKeys + "]";
        }
    }

    /** An organisation without a secret of its own, in a deployment that derives no keys: its client codes are refused. */
    static final class NoKeyForOrganisation extends RuntimeException {

        NoKeyForOrganisation() {
            super(
                    "client codes of this organisation cannot be taken: the server has no pseudonymisation key for it "
                            + "(an administrator must configure one); send the event again once it has",
                    null,
                    false,
                    false);
        }
    }

    private final PseudonymisationSecrets secrets;
    /** Organisations whose lack of an own secret was logged: once each, not at every event. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    Pseudonymiser(Settings settings) {
        this.secrets = PseudonymisationSecrets.load(settings);
        log.info(
                "pseudonymisation: {} organisation(s) with a secret of their own; the others: {}",
                secrets.orgSecrets().size(),
                secrets.deriveOrgKeys() ? "keys derived from the master secret" : "client codes refused");
    }

    Event pseudonymise(Event event) {
        if (event.payload() instanceof CarriesClientCode<?> carrier && carrier.clientCode() != null) {
            Payload replaced = carrier.withClientRef(ref(event.orgId(), carrier.clientCode()));
            return event.withPayload(replaced);
        }
        return event;
    }

    @Override
    public Optional<String> reference(String orgId, String clientCode) {
        try {
            return Optional.of(ref(orgId, clientCode));
        } catch (NoKeyForOrganisation e) {
            return Optional.empty();
        }
    }

    String ref(String orgId, String clientCode) {
        var normalised = clientCode.strip().toUpperCase(Locale.ROOT);
        return HexFormat.of().formatHex(hmac(keyOf(orgId), normalised.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] keyOf(String orgId) {
        var own = secrets.orgSecrets().get(orgId);
        if (own != null) {
            return own.getBytes(StandardCharsets.UTF_8);
        }
        if (!secrets.deriveOrgKeys()) {
            if (logged.add(orgId)) {
                log.warn(
                        "organisation {} has no pseudonymisation secret of its own and tracker.pseudonymisation."
                                + "derive-org-keys is false: its events with a client code are rejected",
                        orgId);
            }
            throw new NoKeyForOrganisation();
        }
        if (logged.add(orgId)) {
            log.info(
                    "organisation {} has no pseudonymisation secret of its own: its key is derived from the master "
                            + "secret (tracker.pseudonymisation.derive-org-keys)",
                    orgId);
        }
        return hmac(
                secrets.master().getBytes(StandardCharsets.UTF_8), ("org:" + orgId).getBytes(StandardCharsets.UTF_8));
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
