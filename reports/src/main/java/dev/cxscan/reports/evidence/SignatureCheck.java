package dev.cxscan.reports.evidence;

/**
 * What {@link EvidenceVerifier} found of a bundle's signature: {@code signerFingerprint} is the key that signed
 * (when readable), {@code trustedFingerprint} the key the user gave (--public-key), or null.
 */
public record SignatureCheck(State state, SigningAlgorithm algorithm, String signerFingerprint,
                             String trustedFingerprint, String detail) {
    public enum State {
        /** No signature file, and no key was given: the hashes prove only that nothing changed by accident. */
        UNSIGNED,
        /** No signature file, though a key was given to check it: anyone could have rewritten the bundle. */
        UNSIGNED_KEY_GIVEN,
        /** Valid, by the key the user gave. */
        VALID,
        /** Valid by the key in the signature file, but no key was given: it says nothing about who signed. */
        VALID_UNTRUSTED,
        /** Signed by another key than the one given. */
        WRONG_KEY,
        /** The signature does not match the manifest, or the signature file is damaged. */
        INVALID
    }

    /** False when the signature disproves the bundle (or a signature was required and is missing). */
    public boolean ok() {
        return state == State.UNSIGNED || state == State.VALID || state == State.VALID_UNTRUSTED;
    }

    /** One line for verify-evidence. */
    public String line() {
        String by = algorithm == null ? "" : " (" + algorithm.id() + ")";
        return switch (state) {
            case UNSIGNED -> "WARNING: the bundle is unsigned: the hashes show only that no file changed after "
                    + "manifest.json was written; they cannot show that manifest.json itself was not rewritten";
            case UNSIGNED_KEY_GIVEN -> "NOT SIGNED: the bundle has no " + ManifestSignature.FILE
                    + ", so key " + trustedFingerprint + " cannot vouch for it";
            case VALID -> "SIGNED by " + signerFingerprint + by + ": the signature is valid and made by the given key";
            case VALID_UNTRUSTED -> "SIGNED by " + signerFingerprint + by + ": the signature is valid, but no key was "
                    + "given to trust it (verify with --public-key)";
            case WRONG_KEY -> "WRONG KEY: signed by " + signerFingerprint + by + ", not by the given key "
                    + trustedFingerprint;
            case INVALID -> "BAD SIGNATURE: " + detail;
        };
    }
}
