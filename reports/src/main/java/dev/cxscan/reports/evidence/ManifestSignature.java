package dev.cxscan.reports.evidence;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.json.JsonReportWriter;
import java.security.PublicKey;
import java.util.Base64;

/**
 * {@code manifest.json.sig}: the detached signature of an evidence bundle's manifest.json over its exact bytes,
 * with the algorithm, the signer's public key (SPKI, base64) and its fingerprint. The manifest lists every other
 * file's SHA-256, so the signature covers the whole bundle; the file itself is not in the manifest.
 */
@JsonPropertyOrder({"format", "signs", "manifestSha256", "algorithm", "publicKey", "publicKeyFingerprint", "signature"})
public record ManifestSignature(String format, String signs, String manifestSha256, String algorithm, String publicKey,
                                String publicKeyFingerprint, String signature) {
    public static final String FORMAT = "cxscan-evidence-signature/1";
    public static final String FILE = EvidenceBundleWriter.MANIFEST + ".sig";

    static ManifestSignature sign(byte[] manifest, SigningKey key) {
        return new ManifestSignature(FORMAT, EvidenceBundleWriter.MANIFEST,
                Manifest.sha256(manifest), key.algorithm().id(),
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()), key.fingerprint(),
                Base64.getEncoder().encodeToString(key.sign(manifest)));
    }

    /**
     * Checks the signature file's bytes ({@code null}: the bundle is unsigned) against the manifest's bytes and,
     * when given, the key the user trusts.
     */
    static SignatureCheck check(byte[] sigFile, byte[] manifest, PublicKey trusted) {
        String trustedFp = trusted == null ? null : PublicKeys.fingerprint(trusted);
        if (sigFile == null) {
            return new SignatureCheck(trusted == null ? SignatureCheck.State.UNSIGNED : SignatureCheck.State.UNSIGNED_KEY_GIVEN,
                    null, null, trustedFp, "no " + FILE + " in the bundle");
        }
        JsonNode n;
        try {
            n = JsonReportWriter.mapper().readTree(sigFile);
        } catch (java.io.IOException e) {
            n = null;
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            return invalid(null, null, trustedFp, FILE + " is not a cxscan signature file (" + FORMAT + ")");
        }
        SigningAlgorithm alg = SigningAlgorithm.parse(n.path("algorithm").asText());
        String claimedFp = n.path("publicKeyFingerprint").asText(null);
        byte[] spki;
        byte[] sig;
        try {
            spki = Base64.getDecoder().decode(n.path("publicKey").asText(""));
            sig = Base64.getDecoder().decode(n.path("signature").asText(""));
        } catch (IllegalArgumentException e) {
            return invalid(alg, claimedFp, trustedFp, FILE + " holds a public key or signature that is not base64");
        }
        PublicKey signer = alg == null ? null : PublicKeys.decode(alg, spki);
        if (signer == null) {
            return invalid(alg, claimedFp, trustedFp, FILE + " names an unknown algorithm or holds an unreadable "
                    + n.path("algorithm").asText() + " public key");
        }
        String signerFp = PublicKeys.fingerprint(signer);
        if (claimedFp != null && !claimedFp.equals(signerFp)) {
            return invalid(alg, signerFp, trustedFp, FILE + " states fingerprint " + claimedFp + " but holds the key "
                    + signerFp);
        }
        if (trusted != null && !trustedFp.equals(signerFp)) {
            return new SignatureCheck(SignatureCheck.State.WRONG_KEY, alg, signerFp, trustedFp,
                    "signed by key " + signerFp + ", not by the given key " + trustedFp);
        }
        if (!PublicKeys.verify(alg, trusted != null ? trusted : signer, manifest, sig)) {
            return invalid(alg, signerFp, trustedFp, "the signature of key " + signerFp + " does not match manifest.json");
        }
        return new SignatureCheck(trusted == null ? SignatureCheck.State.VALID_UNTRUSTED : SignatureCheck.State.VALID,
                alg, signerFp, trustedFp, trusted == null ? "no key was given to trust it" : "the given key");
    }

    private static SignatureCheck invalid(SigningAlgorithm alg, String signerFp, String trustedFp, String why) {
        return new SignatureCheck(SignatureCheck.State.INVALID, alg, signerFp, trustedFp, why);
    }
}
