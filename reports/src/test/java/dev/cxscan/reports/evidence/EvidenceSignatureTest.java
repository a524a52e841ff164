package dev.cxscan.reports.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** manifest.json.sig: who signed the bundle, and a forgery that rewrites files and manifest together is caught. */
class EvidenceSignatureTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = JsonReportWriter.mapper();

    private Path signedBundle(SigningKey key, String name) throws IOException {
        ScanResult result = SampleScan.create(tmp.resolve("in-" + name));
        Path out = Files.createDirectories(tmp.resolve(name));
        new EvidenceBundleWriter(key).write(result, out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void aSignedBundleVerifiesWithItsPublicKeyInBothForms(SigningAlgorithm algorithm) throws IOException {
        SigningKey key = SigningKey.generate(algorithm);
        Path out = signedBundle(key, "signed");
        EvidenceBundleWriter.Written w = new EvidenceBundleWriter(key).writeBundle(SampleScan.create(tmp.resolve("again")), out);
        assertEquals(key.fingerprint(), w.signerFingerprint());
        assertEquals(Manifest.sha256(Files.readAllBytes(out.resolve("evidence/manifest.json"))), w.manifestSha256());

        try (ZipFile z = new ZipFile(out.resolve("evidence.zip").toFile())) {
            assertTrue(z.getEntry("evidence/manifest.json.sig") != null, "the signature is in the zip");
        }
        assertFalse(Files.readString(out.resolve("evidence/manifest.json")).contains("manifest.json.sig"),
                "the manifest does not list its own signature");
        for (Path bundle : List.of(out.resolve("evidence.zip"), out.resolve("evidence"))) {
            EvidenceVerifier.Result trusted = EvidenceVerifier.verify(bundle, key.publicKey());
            assertTrue(trusted.ok(), trusted.report().toString());
            assertEquals(SignatureCheck.State.VALID, trusted.signature().state());
            assertEquals(key.fingerprint(), trusted.signature().signerFingerprint());
            assertTrue(trusted.report().get(1).startsWith("SIGNED by " + key.fingerprint() + " (" + algorithm.id() + ")"),
                    trusted.report().toString());

            EvidenceVerifier.Result untrusted = EvidenceVerifier.verify(bundle);
            assertTrue(untrusted.ok(), "the hashes match and the signature holds");
            assertEquals(SignatureCheck.State.VALID_UNTRUSTED, untrusted.signature().state());
            assertTrue(untrusted.report().get(1).contains(key.fingerprint()) && untrusted.report().get(1).contains("no key was given"),
                    untrusted.report().toString());
        }
    }

    @Test
    void aConsistentForgeryFailsWithThePublicKeyInTheFolderAndTheZip() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ED25519);
        Path out = signedBundle(key, "forged");
        Path root = out.resolve("evidence");
        forge(root);
        Path forgedZip = tmp.resolve("forged.zip");
        zip(root, forgedZip);
        for (Path bundle : List.of(root, forgedZip)) {
            EvidenceVerifier.Result r = EvidenceVerifier.verify(bundle, key.publicKey());
            assertTrue(r.hashesMatch(), "the forger updated the manifest: " + r.report());
            assertFalse(r.ok(), r.report().toString());
            assertEquals(SignatureCheck.State.INVALID, r.signature().state());
            assertTrue(r.report().get(1).startsWith("BAD SIGNATURE"), r.report().toString());
            assertFalse(EvidenceVerifier.verify(bundle).ok(), "the signature is checked without a key too");
        }
        // and dropping the signature does not help when the key is given
        Files.delete(root.resolve(ManifestSignature.FILE));
        EvidenceVerifier.Result dropped = EvidenceVerifier.verify(root, key.publicKey());
        assertFalse(dropped.ok());
        assertEquals(SignatureCheck.State.UNSIGNED_KEY_GIVEN, dropped.signature().state());
    }

    @Test
    void aBundleReSignedWithAnotherKeyNamesThatKey() throws IOException {
        SigningKey partner = SigningKey.generate(SigningAlgorithm.ED25519);
        SigningKey forger = SigningKey.generate(SigningAlgorithm.P256);
        Path root = signedBundle(partner, "resigned").resolve("evidence");
        forge(root);
        byte[] manifest = Files.readAllBytes(root.resolve("manifest.json"));
        json.writeValue(root.resolve(ManifestSignature.FILE).toFile(), ManifestSignature.sign(manifest, forger));

        EvidenceVerifier.Result r = EvidenceVerifier.verify(root, partner.publicKey());
        assertFalse(r.ok());
        assertEquals(SignatureCheck.State.WRONG_KEY, r.signature().state());
        assertEquals(forger.fingerprint(), r.signature().signerFingerprint());
        assertTrue(r.report().get(1).contains("signed by " + forger.fingerprint()) && r.report().get(1).contains(partner.fingerprint()),
                r.report().toString());
        // without the partner's key the forgery looks signed: that is why the key must be given
        EvidenceVerifier.Result noKey = EvidenceVerifier.verify(root);
        assertEquals(SignatureCheck.State.VALID_UNTRUSTED, noKey.signature().state());
        assertEquals(forger.fingerprint(), noKey.signature().signerFingerprint());
    }

    @Test
    void aWrongKeyFailsAndAnUnsignedBundleWarns() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.P256);
        SigningKey other = SigningKey.generate(SigningAlgorithm.P256);
        Path signed = signedBundle(key, "wrongkey");
        EvidenceVerifier.Result wrong = EvidenceVerifier.verify(signed.resolve("evidence.zip"), other.publicKey());
        assertFalse(wrong.ok());
        assertEquals(SignatureCheck.State.WRONG_KEY, wrong.signature().state());
        assertEquals(key.fingerprint(), wrong.signature().signerFingerprint());

        Path unsigned = signedBundle(null, "unsigned");
        for (Path bundle : List.of(unsigned.resolve("evidence.zip"), unsigned.resolve("evidence"))) {
            EvidenceVerifier.Result r = EvidenceVerifier.verify(bundle);
            assertTrue(r.ok(), r.report().toString());
            assertEquals(SignatureCheck.State.UNSIGNED, r.signature().state());
            assertTrue(r.report().get(0).startsWith("OK: ") && r.report().get(1).startsWith("WARNING: the bundle is unsigned"),
                    r.report().toString());
            EvidenceVerifier.Result required = EvidenceVerifier.verify(bundle, key.publicKey());
            assertFalse(required.ok(), "a key given means a signature is required");
        }
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void keysRoundTripThroughPemFiles(SigningAlgorithm algorithm) throws IOException {
        SigningKey key = SigningKey.generate(algorithm);
        Path priv = Files.writeString(tmp.resolve("k.pem"), key.privatePem());
        Path pub = Files.writeString(tmp.resolve("k.pub.pem"), key.publicPem());
        assertTrue(key.privatePem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(key.publicPem().startsWith("-----BEGIN PUBLIC KEY-----\n"));
        SigningKey loaded = SigningKey.load(priv);
        assertEquals(algorithm, loaded.algorithm());
        assertEquals(key.fingerprint(), loaded.fingerprint(), "the public key derived from the private key is the same");
        assertEquals(key.fingerprint(), PublicKeys.fingerprint(PublicKeys.load(pub)));
        assertNotEquals(key.fingerprint(), SigningKey.generate(algorithm).fingerprint());
        byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
        assertTrue(PublicKeys.verify(algorithm, PublicKeys.load(pub), data, loaded.sign(data)));
    }

    /** Keys made by openssl (genpkey, pkey -pubout): the public key derived from the private key is openssl's. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"openssl-ed25519", "openssl-p256"})
    void keysMadeByOpensslLoadAndDeriveTheSamePublicKey(String name) throws Exception {
        Path priv = resource(name + ".pem");
        SigningKey key = SigningKey.load(priv);
        assertEquals(PublicKeys.fingerprint(PublicKeys.load(resource(name + ".pub.pem"))), key.fingerprint());
        assertTrue(assertThrows(SigningKey.InvalidKeyException.class, () -> SigningKey.load(resource("openssl-p384.pem")))
                .getMessage().contains("another curve than P-256"));
    }

    private static Path resource(String name) throws java.net.URISyntaxException {
        return Path.of(EvidenceSignatureTest.class.getResource(name).toURI());
    }

    @Test
    void badKeyFilesAreRejectedWithTheReason() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ED25519);
        Path pub = Files.writeString(tmp.resolve("k.pub.pem"), key.publicPem());
        Path sec1 = Files.writeString(tmp.resolve("ec.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        Path junk = Files.writeString(tmp.resolve("junk.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertTrue(assertThrows(SigningKey.InvalidKeyException.class, () -> SigningKey.load(pub)).getMessage()
                .contains("holds a PUBLIC KEY block"));
        assertTrue(assertThrows(SigningKey.InvalidKeyException.class, () -> SigningKey.load(sec1)).getMessage()
                .contains("openssl pkcs8 -topk8"));
        assertTrue(assertThrows(SigningKey.InvalidKeyException.class, () -> SigningKey.load(junk)).getMessage()
                .contains("not an Ed25519 or ECDSA P-256"));
        assertTrue(assertThrows(SigningKey.InvalidKeyException.class, () -> SigningKey.load(tmp.resolve("none.pem"))).getMessage()
                .contains("no such key file"));
        Path priv = Files.writeString(tmp.resolve("k.pem"), key.privatePem());
        assertTrue(assertThrows(SigningKey.InvalidKeyException.class, () -> PublicKeys.load(priv)).getMessage()
                .contains("never the private key"));
    }

    /** FAIL turned into PASS in a findings file, and its hash and size updated in the manifest: the hashes match. */
    private void forge(Path root) throws IOException {
        Path findings = root.resolve("NETSEC-001/findings.json");
        String text = Files.readString(findings);
        assertTrue(text.contains("\"FAIL\""));
        Files.writeString(findings, text.replace("\"FAIL\"", "\"PASS\""));
        ObjectNode manifest = (ObjectNode) json.readTree(root.resolve("manifest.json").toFile());
        for (var f : manifest.withArray("files")) {
            if (f.get("path").asText().equals("NETSEC-001/findings.json")) {
                ((ObjectNode) f).put("sha256", Manifest.sha256(Files.readAllBytes(findings)));
                ((ObjectNode) f).put("size", Files.size(findings));
            }
        }
        json.writeValue(root.resolve("manifest.json").toFile(), manifest);
        assertTrue(EvidenceVerifier.verify(root).hashesMatch(), "a consistent forgery");
    }

    private static void zip(Path root, Path zip) throws IOException {
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(os);
             Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                out.putNextEntry(new ZipEntry("evidence/" + root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
