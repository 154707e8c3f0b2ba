package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peertracker.events.ContactRecorded;
import org.peertracker.testing.SampleEvents;
import org.slf4j.LoggerFactory;

class PseudonymiserTest {

    static final String MASTER = "master-secret-of-the-deployment";
    static final String CODE = "ZQXW1985K";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(Pseudonymiser.class);

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
        var pseudonymiser = new Pseudonymiser(settings(null, dir, false));

        assertThat(pseudonymiser.ref("street-corner", CODE)).isEqualTo(hmacHex("its-own-secret", CODE));
    }

    @Test
    void prefersAnOrganisationsOwnSecretToAKeyDerivedFromTheMasterSecret() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret");
        var pseudonymiser = new Pseudonymiser(settings(MASTER, dir, true));

        assertThat(pseudonymiser.ref("mainline", CODE)).isEqualTo(hmacHex("mainline-secret", CODE));
    }

    @Test
    void derivesTheKeyOfAnOrganisationWithoutItsOwnSecretFromTheMasterSecretWhereTheDeploymentChoseSo() {
        var pseudonymiser = new Pseudonymiser(settings(MASTER, null, true));
        var derivedKey = hmac(MASTER.getBytes(StandardCharsets.UTF_8), "org:mainline");

        assertThat(pseudonymiser.ref("mainline", " zqxw1985k "))
                .isEqualTo(HexFormat.of().formatHex(hmac(derivedKey, CODE)))
                .isNotEqualTo(pseudonymiser.ref("another-org", CODE));
    }

    @Test
    void refusesTheClientCodeOfAnOrganisationWithoutItsOwnSecretWhereKeysAreNotDerived() throws Exception {
        Files.writeString(dir.resolve("mainline"), "mainline-secret");
        var pseudonymiser = new Pseudonymiser(settings(null, dir, false));
        var known = SampleEvents.event(
                "elsewhere", "peer-1", Instant.now(), SampleEvents.knownContact("s-1", "oost", CODE));
        var anonymous = SampleEvents.event(
                "elsewhere", "peer-1", Instant.now(), SampleEvents.anonymousContact("s-1", "oost", 1, false, null));

        assertThatThrownBy(() -> pseudonymiser.pseudonymise(known))
                .isInstanceOf(Pseudonymiser.NoKeyForOrganisation.class)
                .hasMessageContaining("no pseudonymisation key");
        assertThat(pseudonymiser.pseudonymise(anonymous)).isEqualTo(anonymous);
        assertThat(((ContactRecorded) pseudonymiser
                                .pseudonymise(SampleEvents.event(
                                        "mainline",
                                        "peer-1",
                                        Instant.now(),
                                        SampleEvents.knownContact("s-1", "oost", CODE)))
                                .payload())
                        .clientRef())
                .isEqualTo(hmacHex("mainline-secret", CODE));
    }

    @Test
    void logsOnceForEachOrganisationThatItsKeyIsDerivedNamingTheOrganisationAlone() {
        var pseudonymiser = new Pseudonymiser(settings(MASTER, null, true));

        for (int i = 0; i < 3; i++) {
            pseudonymiser.ref("mainline", CODE);
            pseudonymiser.ref("street-corner", CODE + i);
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
        var pseudonymiser = new Pseudonymiser(settings(null, dir, false));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> pseudonymiser.ref("elsewhere", CODE))
                    .isInstanceOf(Pseudonymiser.NoKeyForOrganisation.class);
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
        var settings = new Pseudonymiser.Settings(MASTER, null, Map.of("mainline", "mainline-secret"), null, true);

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

    static Pseudonymiser.Settings settings(String master, Path orgSecretsDir, boolean deriveOrgKeys) {
        return new Pseudonymiser.Settings(
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
