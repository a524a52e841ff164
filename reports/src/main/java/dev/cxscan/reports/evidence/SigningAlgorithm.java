package dev.cxscan.reports.evidence;

import java.util.Locale;

/** The signature algorithms of an evidence bundle: the name in manifest.json.sig, the JCA names behind it. */
public enum SigningAlgorithm {
    ED25519("Ed25519", "Ed25519", "Ed25519"),
    P256("ECDSA-P256-SHA256", "EC", "SHA256withECDSA");

    private final String id;
    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    SigningAlgorithm(String id, String keyAlgorithm, String signatureAlgorithm) {
        this.id = id;
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name written in manifest.json.sig. */
    public String id() {
        return id;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** By its signature-file name or its option name (ed25519, p256); null when unknown. */
    public static SigningAlgorithm parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SigningAlgorithm a : values()) {
            if (a.id.toLowerCase(Locale.ROOT).equals(n) || a.name().toLowerCase(Locale.ROOT).equals(n)) {
                return a;
            }
        }
        return null;
    }
}
