package org.peertracker.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class OrgKeysTest {

    static final String MASTER = "master-secret-of-the-deployment";
    static final String CODE = "ZQXW1985K";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(OrgKeys.class);

    @BeforeEach
    void captureTheLog() {
        log.addAppender(logged);
        logged.start();
    }

    @AfterEach
    void releaseTheLog() {
        log.detachAppender(logged);
    }

    @Test
    void keysAnOrganisationWithTheSecretOfItsFileInTheDirectoryAHyphenInItsIdIncluded() throws Exception {
        // no environment variable can name this organisation (see PseudonymisationSecretsTest): a file can
        Files.writeString(dir.resolve("street-corner"), "its-own-secret\n");
        var pseudonymiser = new OrgKeys(settings(null, dir, false));

        assertThat(pseudonymiser.lookupHash("street-corner", 1, CODE)).isEqualTo(hmacHex("its-own-secret", CODE));
    }

    @Test
    void prefersAnOrganisationsOwnSecretToAKeyDerivedFromTheMasterSecret() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret");
        var pseudonymiser = new OrgKeys(settings(MASTER, dir, true));

        assertThat(pseudonymiser.lookupHash("mainline", 1, CODE)).isEqualTo(hmacHex("mainline-secret", CODE));
    }

    @Test
    void derivesTheKeyOfAnOrganisationWithoutItsOwnSecretFromTheMasterSecretWhereTheDeploymentChoseSo() {
        var pseudonymiser = new OrgKeys(settings(MASTER, null, true));
        var derivedKey = hmac(MASTER.getBytes(StandardCharsets.UTF_8), "org:mainline");

        assertThat(pseudonymiser.lookupHash("mainline", 1, " zqxw1985k "))
                .isEqualTo(HexFormat.of().formatHex(hmac(derivedKey, CODE)))
                .isNotEqualTo(pseudonymiser.lookupHash("another-org", 1, CODE));
    }

    @Test
    void hasNoKeyForAnOrganisationWithoutItsOwnSecretWhereKeysAreNotDerived() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret");
        var keys = new OrgKeys(settings(null, dir, false));

        assertThat(keys.has("elsewhere")).isFalse();
        assertThat(keys.versions("elsewhere")).isEmpty();
        assertThatThrownBy(() -> keys.lookupHash("elsewhere", 1, CODE))
                .isInstanceOf(OrgKeys.NoKeyForOrganisation.class)
                .hasMessageContaining("no key");
        assertThat(keys.lookupHash("mainline", 1, CODE)).isEqualTo(hmacHex("mainline-secret", CODE));
    }

    @Test
    void rotatesAnOrganisationsOwnSecretByAVersionedFileAndRetiresTheOldestBySetting() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret");
        Files.writeString(dir.resolve("mainline.v2"), "mainline-secret-2");
        var both = new OrgKeys(settings(null, dir, false));
        var retired = new OrgKeys(new OrgKeys.Settings(null, null, Map.of(), dir.toString(), false, 2, 2));

        assertThat(both.versions("mainline")).containsExactly(2, 1);
        assertThat(both.currentVersion("mainline")).isEqualTo(2);
        assertThat(both.lookupHash("mainline", 2, CODE)).isEqualTo(hmacHex("mainline-secret-2", CODE));
        assertThat(both.lookupHash("mainline", 1, CODE)).isEqualTo(hmacHex("mainline-secret", CODE));
        assertThat(both.wrappingKey("mainline", 2)).isNotEqualTo(both.wrappingKey("mainline", 1));
        assertThat(retired.versions("mainline")).containsExactly(2);
        assertThatThrownBy(() -> retired.lookupHash("mainline", 1, CODE))
                .isInstanceOf(OrgKeys.NoKeyForOrganisation.class);
    }

    @Test
    void derivesAKeyPerVersionFromTheMasterSecretAndTheLookupKeyNeverEqualsTheWrappingKey() {
        var keys = new OrgKeys(new OrgKeys.Settings(MASTER, null, Map.of(), null, true, 3, 2));
        var v2 = hmac(MASTER.getBytes(StandardCharsets.UTF_8), "org:mainline:v2");

        assertThat(keys.versions("mainline")).containsExactly(3, 2);
        assertThat(keys.lookupHash("mainline", 2, CODE))
                .isEqualTo(HexFormat.of().formatHex(hmac(v2, CODE)));
        assertThat(keys.lookupHash("mainline", 3, CODE)).isNotEqualTo(keys.lookupHash("mainline", 2, CODE));
        assertThat(keys.wrappingKey("mainline", 2)).hasSize(32).isNotEqualTo(hmac(v2, CODE));
    }

    @Test
    void logsOnceForEachOrganisationThatItsKeyIsDerivedNamingTheOrganisationAlone() {
        var pseudonymiser = new OrgKeys(settings(MASTER, null, true));

        for (int i = 0; i < 3; i++) {
            pseudonymiser.lookupHash("mainline", 1, CODE);
            pseudonymiser.lookupHash("street-corner", 1, CODE + i);
        }

        assertThat(messages())
                .filteredOn(m -> m.startsWith("organisation "))
                .satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).contains("organisation mainline "),
                        m -> assertThat(m).contains("organisation street-corner "));
        assertThat(messages())
                .allSatisfy(m -> assertThat(m).doesNotContain(MASTER).doesNotContainIgnoringCase(CODE));
    }

    @Test
    void logsOnceForEachOrganisationThatItsClientCodesAreRefused() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret");
        var pseudonymiser = new OrgKeys(settings(null, dir, false));

        for (int i = 0; i < 3; i++) {
            assertThat(pseudonymiser.has("elsewhere")).isFalse();
        }

        assertThat(messages())
                .filteredOn(m -> m.startsWith("organisation "))
                .singleElement()
                .asString()
                .contains("organisation elsewhere ");
        assertThat(messages())
                .allSatisfy(m -> assertThat(m).doesNotContain("mainline-secret").doesNotContain(CODE));
    }

    @Test
    void neverShowsASecretWhenItsSettingsArePrinted() {
        var settings = new OrgKeys.Settings(MASTER, null, Map.of("mainline", "mainline-secret"), null, true);

        assertThat(settings.toString())
                .doesNotContain(MASTER)
                .doesNotContain("mainline-secret")
                .contains("mainline");
        assertThat(PseudonymisationSecrets.load(settings).toString())
                .doesNotContain(MASTER)
                .doesNotContain("mainline-secret")
                .contains("mainline");
    }

    private List<String> messages() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    static OrgKeys.Settings settings(String master, Path orgSecretsDir, boolean deriveOrgKeys) {
        return new OrgKeys.Settings(
                master, null, Map.of(), orgSecretsDir == null ? null : orgSecretsDir.toString(), deriveOrgKeys);
    }

    static String hmacHex(String key, String data) {
        return HexFormat.of().formatHex(hmac(key.getBytes(StandardCharsets.UTF_8), data));
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
