package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** keygen, --sign-key, the manifest's SHA-256 on stderr and in results.json, verify-evidence --public-key. */
class SignedEvidenceCliTest {
    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();

    private Path template() throws IOException {
        return Files.writeString(dir.resolve("app.template.json"), TemplateCommandTest.BUCKETS);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String fingerprint(CliRun keygen) {
        return keygen.out().lines().filter(l -> l.startsWith("fingerprint ")).findFirst().orElseThrow()
                .substring("fingerprint ".length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "p256"})
    void keygenThenSignThenVerify(String algorithm) throws Exception {
        Path keys = dir.resolve("keys");
        CliRun gen = CliRun.run("keygen", "--out", keys.toString(), "--algorithm", algorithm);
        assertEquals(0, gen.exit(), gen.toString());
        Path priv = keys.resolve("cxscan-signing-key.pem");
        Path pub = keys.resolve("cxscan-signing-key.pub.pem");
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----"));
        if (priv.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        }
        String fp = fingerprint(gen);
        assertTrue(fp.matches("SHA256:[0-9a-f]{64}"), fp);

        String before = Files.readString(priv);
        CliRun again = CliRun.run("keygen", "--out", keys.toString(), "--algorithm", algorithm);
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("refusing to overwrite"), again.err());
        assertEquals(before, Files.readString(priv), "the key is kept");

        Path out = dir.resolve("report");
        // without --format, --sign-key adds the evidence bundle to the template scan's defaults
        CliRun scan = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", out.toString(),
                "--sign-key", priv.toString());
        assertEquals(0, scan.exit(), scan.toString());
        String manifestSha = sha256(out.resolve("evidence/manifest.json"));
        List<String> shaLines = scan.err().lines().filter(l -> l.contains("evidence manifest SHA-256")).toList();
        assertEquals(List.of("cxscan: evidence manifest SHA-256 " + manifestSha + " (signed by " + fp
                + "): quote it in the application"), shaLines);
        JsonNode ev = mapper.readTree(out.resolve("results.json").toFile()).get("evidence");
        assertEquals(manifestSha, ev.get("manifestSha256").asText());
        assertEquals(fp, ev.get("signerFingerprint").asText());
        assertEquals("evidence/manifest.json", ev.get("manifest").asText());
        assertTrue(mapper.readTree(out.resolve("evidence/results.json").toFile()).get("evidence").isNull(),
                "the bundle's copy cannot hold the hash of the manifest that lists it");

        for (Path bundle : List.of(out.resolve("evidence.zip"), out.resolve("evidence"))) {
            CliRun ok = CliRun.run("verify-evidence", bundle.toString(), "--public-key", pub.toString());
            assertEquals(0, ok.exit(), ok.toString());
            assertTrue(ok.out().startsWith("OK: ") && ok.out().contains("SIGNED by " + fp), ok.out());
            CliRun noKey = CliRun.run("verify-evidence", bundle.toString());
            assertEquals(0, noKey.exit(), noKey.toString());
            assertTrue(noKey.out().contains(fp) && noKey.out().contains("no key was given to trust it"), noKey.out());
        }

        // a key of someone else: exit 1, naming the key that signed
        Path other = dir.resolve("other");
        CliRun otherGen = CliRun.run("keygen", "--out", other.toString());
        CliRun wrong = CliRun.run("verify-evidence", out.resolve("evidence.zip").toString(), "--public-key",
                other.resolve("cxscan-signing-key.pub.pem").toString());
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.out().contains("WRONG KEY: signed by " + fp) && wrong.out().contains(fingerprint(otherGen)),
                wrong.out());
        assertTrue(wrong.out().contains("NOT VERIFIED"), wrong.out());
    }

    @Test
    void anUnsignedScanStoresTheHashAndVerifiesWithAWarning() throws Exception {
        Path out = dir.resolve("unsigned");
        CliRun scan = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", out.toString(),
                "--format", "json,evidence", "--quiet");
        assertEquals(0, scan.exit(), scan.toString());
        assertFalse(scan.err().contains("SHA-256"), "--quiet: " + scan.err());
        JsonNode ev = mapper.readTree(out.resolve("results.json").toFile()).get("evidence");
        assertEquals(sha256(out.resolve("evidence/manifest.json")), ev.get("manifestSha256").asText(), "stored with --quiet too");
        assertTrue(ev.get("signerFingerprint").isNull());
        CliRun v = CliRun.run("verify-evidence", out.resolve("evidence.zip").toString());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("WARNING: the bundle is unsigned"), v.out());

        Path keys = dir.resolve("keys");
        assertEquals(0, CliRun.run("keygen", "--out", keys.toString()).exit());
        CliRun required = CliRun.run("verify-evidence", out.resolve("evidence").toString(), "--public-key",
                keys.resolve("cxscan-signing-key.pub.pem").toString());
        assertEquals(1, required.exit(), required.toString());
        assertTrue(required.out().contains("NOT SIGNED"), required.out());

        CliRun badPub = CliRun.run("verify-evidence", out.resolve("evidence").toString(), "--public-key",
                keys.resolve("cxscan-signing-key.pem").toString());
        assertEquals(2, badPub.exit(), badPub.toString());

        Path jsonOnly = dir.resolve("json-only");
        assertEquals(0, CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", jsonOnly.toString(),
                "--format", "json").exit());
        assertTrue(mapper.readTree(jsonOnly.resolve("results.json").toFile()).get("evidence").isNull(),
                "no evidence format: null");
    }

    @Test
    void aBadKeyFileIsOneInputErrorBeforeScanning() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "not a key\n");
        Path out = dir.resolve("never");
        CliRun r = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", out.toString(),
                "--sign-key", bad.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("cxscan: error: --sign-key " + bad), r.err());
        assertFalse(Files.exists(out), "nothing scanned or written");

        CliRun noBundle = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", out.toString(),
                "--format", "json", "--sign-key", bad.toString());
        assertEquals(2, noBundle.exit(), noBundle.toString());
        assertTrue(noBundle.err().contains("add evidence to --format"), noBundle.err());
    }
}
