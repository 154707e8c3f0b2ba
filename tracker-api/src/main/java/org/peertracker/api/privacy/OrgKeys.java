package org.peertracker.api.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The organisations' keys, by version. Each version of an organisation's secret (its own, or derived from the
 * deployment's master secret) gives two keys: the lookup key, under which a client code is hashed to find the
 * client's row in the pseudonym table (HMAC-SHA-256 of the normalised code), and the wrapping key (AES-256), under
 * which the data keys of texts are kept. New rows and new data keys use the current version; older versions still
 * present are read until they are retired (removed). The secrets come from the configuration, files or a directory
 * (a mounted secret store), never from the repository; an organisation with none gets no client code or text taken.
 */
@Component
public class OrgKeys {

    private static final Logger log = LoggerFactory.getLogger(OrgKeys.class);
    private static final String HMAC = "HmacSHA256";
    /** What the wrapping key is derived with: a NUL, which no client code (hashed with the same secret) can hold. */
    private static final byte[] WRAPPING = "\0key-wrap".getBytes(StandardCharsets.UTF_8);

    /**
     * The key settings as configured; {@link PseudonymisationSecrets} reads and checks them once.
     *
     * @param secret         master secret, from which the keys of organisations without their own are derived
     * @param secretFile     a file holding the master secret, instead of {@code secret}
     * @param orgSecrets     secrets of organisations, set in the configuration: {@code <orgId>} is version 1,
     *                       {@code <orgId>.v<n>} version n
     * @param orgSecretsDir  a directory of one file per organisation and version, named as {@code orgSecrets}' keys
     * @param deriveOrgKeys  whether an organisation without a secret of its own is keyed with
     *                       HMAC(master secret, "org:" + orgId), and from version 2 on "org:" + orgId + ":v" + n; if
     *                       not, its events with a client code or a text are rejected
     * @param currentVersion the version of derived keys that new rows and data keys use
     * @param oldestVersion  the oldest version still read, own or derived; older ones are retired
     */
    @ConfigurationProperties("tracker.pseudonymisation")
    public record Settings(
            String secret,
            String secretFile,
            Map<String, String> orgSecrets,
            String orgSecretsDir,
            @DefaultValue("false") boolean deriveOrgKeys,
            @DefaultValue("1") int currentVersion,
            @DefaultValue("1") int oldestVersion) {

        @ConstructorBinding
        public Settings {
            orgSecrets = orgSecrets == null ? Map.of() : Map.copyOf(orgSecrets);
        }

        public Settings(
                String secret,
                String secretFile,
                Map<String, String> orgSecrets,
                String orgSecretsDir,
                boolean derive) {
            this(secret, secretFile, orgSecrets, orgSecretsDir, derive, 1, 1);
        }

        /** Never the secrets: a record would print them. */
        @Override
        public String toString() {
            return "Settings[secret=" + (secret == null || secret.isBlank() ? "none" : "set") + ", secretFile="
                    + secretFile
                    + ", orgSecrets=" + orgSecrets.keySet() + ", orgSecretsDir=" + orgSecretsDir
                    + ", deriveOrgKeys=" + deriveOrgKeys + ", currentVersion=" + currentVersion + ", oldestVersion="
                    + oldestVersion + "]";
        }
    }

    /** An organisation without a secret of its own, in a deployment that derives no keys: its client codes are refused. */
    public static final class NoKeyForOrganisation extends RuntimeException {

        public static final String MESSAGE = "client codes and texts of this organisation cannot be taken: the server "
                + "has no key for it (an administrator must configure one); send the event again once it has";

        NoKeyForOrganisation() {
            super(MESSAGE, null, false, false);
        }
    }

    private final PseudonymisationSecrets secrets;
    private final int currentVersion;
    private final int oldestVersion;
    /**
     * Each organisation's versions and each version's secret material, worked out once: they follow from the settings
     * alone (and an organisation's way of being keyed is logged once, when it is first worked out).
     */
    private final Map<String, List<Integer>> versions = new ConcurrentHashMap<>();

    private final Map<String, byte[]> materials = new ConcurrentHashMap<>();

    public OrgKeys(Settings settings) {
        if (settings.oldestVersion() < 1 || settings.currentVersion() < settings.oldestVersion()) {
            throw new IllegalStateException("tracker.pseudonymisation.current-version (" + settings.currentVersion()
                    + ") must be at least oldest-version (" + settings.oldestVersion() + "), which is at least 1");
        }
        this.secrets = PseudonymisationSecrets.load(settings);
        this.currentVersion = settings.currentVersion();
        this.oldestVersion = settings.oldestVersion();
        log.info(
                "keys: {} organisation(s) with a secret of their own; the others: {}",
                secrets.organisations().size(),
                secrets.deriveOrgKeys()
                        ? "keys derived from the master secret, versions " + oldestVersion + " to " + currentVersion
                        : "client codes and texts refused");
    }

    /** Whether the organisation has a key; an organisation without one gets no client code or text taken. */
    public boolean has(String orgId) {
        return !versions(orgId).isEmpty();
    }

    /** The version new rows and data keys of the organisation use. */
    public int currentVersion(String orgId) {
        var versions = versions(orgId);
        if (versions.isEmpty()) {
            throw new NoKeyForOrganisation();
        }
        return versions.getFirst();
    }

    /** The versions still read, the current one first; empty for an organisation without a key. */
    public List<Integer> versions(String orgId) {
        return versions.computeIfAbsent(orgId, this::versionsOf);
    }

    private List<Integer> versionsOf(String orgId) {
        var own = secrets.versionsOf(orgId);
        if (!own.isEmpty()) {
            return own.descendingSet().stream().filter(v -> v >= oldestVersion).toList();
        }
        if (!secrets.deriveOrgKeys()) {
            log.warn(
                    "organisation {} has no secret of its own and tracker.pseudonymisation.derive-org-keys is "
                            + "false: its events with a client code or a text are rejected",
                    orgId);
            return List.of();
        }
        log.info(
                "organisation {} has no secret of its own: its keys are derived from the master secret "
                        + "(tracker.pseudonymisation.derive-org-keys)",
                orgId);
        var derived = new ArrayList<Integer>();
        for (int v = currentVersion; v >= oldestVersion; v--) {
            derived.add(v);
        }
        return List.copyOf(derived);
    }

    /** The client code's row id hash under the organisation's lookup key of {@code version}. */
    public String lookupHash(String orgId, int version, String clientCode) {
        var normalised = clientCode.strip().toUpperCase(Locale.ROOT);
        return HexFormat.of().formatHex(hmac(material(orgId, version), normalised.getBytes(StandardCharsets.UTF_8)));
    }

    /** The organisation's wrapping key of {@code version} (AES-256). */
    byte[] wrappingKey(String orgId, int version) {
        return hmac(material(orgId, version), WRAPPING);
    }

    private byte[] material(String orgId, int version) {
        if (!versions(orgId).contains(version)) {
            throw new NoKeyForOrganisation();
        }
        return materials.computeIfAbsent(orgId + "|" + version, id -> materialOf(orgId, version));
    }

    private byte[] materialOf(String orgId, int version) {
        var own = secrets.secret(orgId, version);
        if (own != null) {
            return own.getBytes(StandardCharsets.UTF_8);
        }
        var label = version == 1 ? "org:" + orgId : "org:" + orgId + ":v" + version;
        return hmac(secrets.master().getBytes(StandardCharsets.UTF_8), label.getBytes(StandardCharsets.UTF_8));
    }

    /** The organisations with a secret of their own, for the log. */
    Set<String> organisations() {
        return new TreeSet<>(secrets.organisations());
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
