package org.peertracker.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class PseudonymisationSecretsTest {

    static final String SECRET = "Zm9vYmFyYmF6cXV4LXNlY3JldA==";

    @TempDir
    Path dir;

    @Test
    void readsTheMasterSecretFromAFileWithoutItsTrailingNewlines() throws Exception {
        var file = Files.writeString(dir.resolve("master.key"), SECRET + "\r\n\n");

        var secrets = PseudonymisationSecrets.load(settings(null, file, Map.of(), null, true));

        assertThat(secrets.master()).isEqualTo(SECRET);
        assertThat(new OrgKeys(settings(null, file, Map.of(), null, true)).lookupHash("mainline", 1, "AB12"))
                .isEqualTo(new OrgKeys(settings(SECRET, null, Map.of(), null, true)).lookupHash("mainline", 1, "AB12"));
    }

    @Test
    void readsOneSecretPerOrganisationFromTheDirectoryNamedByTheOrganisationsIds() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret\n");
        Files.writeString(dir.resolve("street-corner"), "street-corner-secret");

        var secrets = PseudonymisationSecrets.load(settings(null, null, Map.of(), dir, false));

        assertThat(secrets.orgSecrets())
                .isEqualTo(Map.of("mainline", "mainline-secret", "street-corner", "street-corner-secret"));
    }

    @Test
    void skipsTheHiddenEntriesOfTheDirectoryThatAKubernetesSecretMountHolds() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret");
        Files.createDirectory(dir.resolve("..2026_01_01_00_00_00.000000001"));
        Files.createSymbolicLink(dir.resolve("..data"), dir.resolve("..2026_01_01_00_00_00.000000001"));
        Files.writeString(dir.resolve(".gitkeep"), "");

        assertThat(PseudonymisationSecrets.load(settings(null, null, Map.of(), dir, false))
                        .orgSecrets())
                .containsOnlyKeys("mainline");
    }

    @Test
    void bindsItsSettingsFromTheEnvironmentWhereAnOrganisationIdWithAHyphenCannotBeAKey() {
        var settings = bind(Map.of(
                "TRACKER_PSEUDONYMISATION_SECRET_FILE", "/run/secrets/pseudonymisation",
                "TRACKER_PSEUDONYMISATION_ORG_SECRETS_DIR", "/run/secrets/orgs",
                "TRACKER_PSEUDONYMISATION_ORG_SECRETS_STREET_CORNER", "street-corner-secret"));

        assertThat(settings.secretFile()).isEqualTo("/run/secrets/pseudonymisation");
        assertThat(settings.orgSecretsDir()).isEqualTo("/run/secrets/orgs");
        assertThat(settings.orgSecrets()).doesNotContainKey("street-corner");
        assertThat(settings.deriveOrgKeys()).isFalse();
        assertThat(bind(Map.of("TRACKER_PSEUDONYMISATION_DERIVE_ORG_KEYS", "true"))
                        .deriveOrgKeys())
                .isTrue();
    }

    @Test
    void refusesToStartOnAnUnreadableSecretFileNamingTheSetting() throws Exception {
        var missing = dir.resolve("missing.key");
        var directory = Files.createDirectory(dir.resolve("a-directory"));

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, missing, Map.of(), null, true)))
                .hasMessageStartingWith("tracker.pseudonymisation.secret-file: cannot read");
        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, directory, Map.of(), null, true)))
                .hasMessageStartingWith("tracker.pseudonymisation.secret-file: cannot read");
    }

    @Test
    void refusesToStartOnASecretFileThatIsNotText() throws Exception {
        var binary = Files.write(dir.resolve("master.key"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, binary, Map.of(), null, true)))
                .hasMessageStartingWith("tracker.pseudonymisation.secret-file:")
                .hasMessageContaining("not UTF-8 text");
    }

    @Test
    void refusesToStartOnAnEmptySecretFile() throws Exception {
        var empty = Files.writeString(dir.resolve("master.key"), "\n");

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, empty, Map.of(), null, true)))
                .hasMessageStartingWith("tracker.pseudonymisation.secret-file is empty");
    }

    @Test
    void refusesToStartOnAnEmptySecretOfAnOrganisationNamingItButNoSecret() throws Exception {
        Files.writeString(dir.resolve("mainline"), SECRET);
        Files.writeString(dir.resolve("street-corner"), "\n");

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, null, Map.of(), dir, false)))
                .hasMessageStartingWith("tracker.pseudonymisation.org-secrets-dir, organisation street-corner is empty")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(
                        () -> PseudonymisationSecrets.load(settings(null, null, Map.of("mainline", " "), null, false)))
                .hasMessageStartingWith("tracker.pseudonymisation.org-secrets.mainline is empty");
    }

    @Test
    void refusesToStartOnAFileInTheDirectoryThatIsNotNamedByAnOrganisationId() throws Exception {
        Files.writeString(dir.resolve("mainline.key"), SECRET);

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, null, Map.of(), dir, false)))
                .hasMessageStartingWith(
                        "tracker.pseudonymisation.org-secrets-dir: the file 'mainline.key' is not named")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesToStartOnADirectoryOfSecretsThatIsNone() throws Exception {
        var file = Files.writeString(dir.resolve("not-a-directory"), SECRET);

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, null, Map.of(), file, false)))
                .hasMessageStartingWith("tracker.pseudonymisation.org-secrets-dir:")
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() ->
                        PseudonymisationSecrets.load(settings(null, null, Map.of(), dir.resolve("missing"), false)))
                .hasMessageStartingWith("tracker.pseudonymisation.org-secrets-dir:");
    }

    @Test
    void refusesToStartWithASecretAndASecretFileForItWouldBeAGuessWhichOneKeys() throws Exception {
        var file = Files.writeString(dir.resolve("master.key"), "another-secret");

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(SECRET, file, Map.of(), null, true)))
                .hasMessageContaining("both tracker.pseudonymisation.secret and tracker.pseudonymisation.secret-file")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("another-secret");
    }

    @Test
    void refusesToStartWithAnOrganisationsSecretBothInTheConfigurationAndInTheDirectory() throws Exception {
        Files.writeString(dir.resolve("mainline"), "from-the-file");

        assertThatThrownBy(() ->
                        PseudonymisationSecrets.load(settings(null, null, Map.of("mainline", SECRET), dir, false)))
                .hasMessageContaining("organisation mainline has a secret in both")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("from-the-file");
    }

    @Test
    void refusesToDeriveKeysWithoutAMasterSecret() throws Exception {
        Files.writeString(dir.resolve("mainline"), SECRET);

        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(null, null, Map.of(), dir, true)))
                .hasMessageStartingWith(
                        "tracker.pseudonymisation.derive-org-keys is true, but there is no master secret");
    }

    @Test
    void refusesAMasterSecretThatWouldKeyNoOrganisationSinceKeysAreNotDerivedUnlessTheDeploymentSaysSo() {
        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(SECRET, null, Map.of(), null, false)))
                .hasMessageStartingWith(
                        "tracker.pseudonymisation.secret is set, but tracker.pseudonymisation.derive-org-keys is false")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesToStartWithoutAnySecret() {
        assertThatThrownBy(() -> PseudonymisationSecrets.load(settings(" ", null, Map.of(), null, false)))
                .hasMessageStartingWith("no pseudonymisation secret");
    }

    private static OrgKeys.Settings settings(
            String secret, Path secretFile, Map<String, String> orgSecrets, Path orgSecretsDir, boolean deriveOrgKeys) {
        return new OrgKeys.Settings(
                secret,
                secretFile == null ? null : secretFile.toString(),
                orgSecrets,
                orgSecretsDir == null ? null : orgSecretsDir.toString(),
                deriveOrgKeys);
    }

    private static OrgKeys.Settings bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource("environment", environment);
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("tracker.pseudonymisation", OrgKeys.Settings.class);
    }
}
