package org.peertracker.api.privacy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The secrets of the pseudonymiser, read once from the settings: values, a file, a directory of one file per
 * organisation. Whatever is unreadable, empty or contradictory stops the start, named by its setting, never by a secret.
 *
 * @param master        the master secret, or {@code null}
 * @param orgSecrets    the secrets of organisations that have one of their own, by organisation id ({@code orgId} for
 *                      version 1, {@code orgId.v<n>} for version n)
 * @param deriveOrgKeys whether an organisation without a secret of its own gets a key derived from the master secret
 */
record PseudonymisationSecrets(String master, Map<String, String> orgSecrets, boolean deriveOrgKeys) {

    private static final String PREFIX = "tracker.pseudonymisation.";
    /** The contract's ids (the schemas' {@code $defs.id}); a file named otherwise would silently key no organisation. */
    private static final Pattern ORG_ID =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9_:-]{0,63})(?:\\.v([1-9][0-9]{0,5}))?");

    PseudonymisationSecrets {
        orgSecrets = Map.copyOf(orgSecrets);
    }

    static PseudonymisationSecrets load(OrgKeys.Settings settings) {
        var master = master(settings);
        var orgSecrets = new HashMap<String, String>();
        settings.orgSecrets()
                .forEach((org, secret) -> orgSecrets.put(org, nonEmpty(secret, PREFIX + "org-secrets." + org)));
        if (isSet(settings.orgSecretsDir())) {
            readDirectory(Path.of(settings.orgSecretsDir())).forEach((org, secret) -> {
                if (orgSecrets.putIfAbsent(org, secret) != null) {
                    throw new IllegalStateException("organisation " + org + " has a secret in both " + PREFIX
                            + "org-secrets and " + PREFIX + "org-secrets-dir: keep one");
                }
            });
        }
        if (master == null && orgSecrets.isEmpty()) {
            throw new IllegalStateException("no pseudonymisation secret: set TRACKER_PSEUDONYMISATION_SECRET or "
                    + "TRACKER_PSEUDONYMISATION_SECRET_FILE, or secrets per organisation in "
                    + "TRACKER_PSEUDONYMISATION_ORG_SECRETS_DIR (the local stack makes one)");
        }
        if (settings.deriveOrgKeys() && master == null) {
            throw new IllegalStateException(PREFIX + "derive-org-keys is true, but there is no master secret to derive "
                    + "keys from: set " + PREFIX + "secret or " + PREFIX + "secret-file");
        }
        // a master secret keys nothing unless keys are derived from it: say which was meant rather than guess
        if (!settings.deriveOrgKeys() && master != null) {
            throw new IllegalStateException(PREFIX + "secret is set, but " + PREFIX + "derive-org-keys is false, so it "
                    + "would key no organisation: set derive-org-keys to true to key every organisation without a "
                    + "secret of its own with HMAC(secret, \"org:\" + orgId), or remove the master secret");
        }
        return new PseudonymisationSecrets(master, orgSecrets, settings.deriveOrgKeys());
    }

    /** The versions of the organisation's own secret, none when it has no secret of its own. */
    TreeSet<Integer> versionsOf(String orgId) {
        var versions = new TreeSet<Integer>();
        orgSecrets.keySet().forEach(name -> {
            var parsed = ORG_ID.matcher(name);
            if (parsed.matches() && parsed.group(1).equals(orgId)) {
                versions.add(parsed.group(2) == null ? 1 : Integer.parseInt(parsed.group(2)));
            }
        });
        return versions;
    }

    /** The organisation's own secret of {@code version}, or null. */
    String secret(String orgId, int version) {
        return orgSecrets.get(version == 1 ? orgId : orgId + ".v" + version);
    }

    /** The organisations with a secret of their own. */
    Set<String> organisations() {
        return orgSecrets.keySet().stream()
                .map(name -> {
                    var parsed = ORG_ID.matcher(name);
                    return parsed.matches() ? parsed.group(1) : name;
                })
                .collect(Collectors.toSet());
    }

    /** Never the secrets: a record would print them. */
    @Override
    public String toString() {
        return "PseudonymisationSecrets[master=" + (master == null ? "none" : "set") + ", organisations with their own="
                + new TreeSet<>(orgSecrets.keySet()) + ", deriveOrgKeys=" + deriveOrgKeys + "]";
    }

    private static String master(OrgKeys.Settings settings) {
        if (isSet(settings.secret()) && isSet(settings.secretFile())) {
            throw new IllegalStateException(
                    "both " + PREFIX + "secret and " + PREFIX + "secret-file are set: keep one");
        }
        if (isSet(settings.secretFile())) {
            return readSecret(Path.of(settings.secretFile()), PREFIX + "secret-file");
        }
        // unset and empty alike (the configuration's default is empty); the value is used as it is, as it always was
        return isSet(settings.secret()) ? settings.secret() : null;
    }

    private static Map<String, String> readDirectory(Path directory) {
        var setting = PREFIX + "org-secrets-dir";
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(setting + ": " + directory + " is not a directory");
        }
        var secrets = new HashMap<String, String>();
        try (var files = Files.list(directory)) {
            for (var file : (Iterable<Path>) files::iterator) {
                var org = file.getFileName().toString();
                // hidden entries are not organisations: Kubernetes mounts a secret with ..data links beside its files
                if (org.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                if (!ORG_ID.matcher(org).matches()) {
                    throw new IllegalStateException(
                            setting + ": the file '" + org + "' is not named by an organisation "
                                    + "id (letters, digits, '_', ':' and '-', at most 64), and '.v<n>' for a "
                                    + "version n from 2 on");
                }
                secrets.put(org, readSecret(file, setting + ", organisation " + org));
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    setting + ": cannot list " + directory + " (" + e.getClass().getSimpleName() + ")");
        }
        return secrets;
    }

    /** The file's text without the trailing newlines that editors and {@code echo} leave. */
    private static String readSecret(Path file, String setting) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(setting + ": " + file + " is not UTF-8 text; write the secret as text, "
                    + "e.g. the output of openssl rand -base64 32");
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException(
                    setting + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return nonEmpty(text.substring(0, end), setting);
    }

    private static String nonEmpty(String secret, String setting) {
        if (!isSet(secret)) {
            throw new IllegalStateException(setting + " is empty: an organisation's key would be no secret");
        }
        return secret;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
