package dev.cxscan.reports.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** Public keys of evidence signatures: read from SPKI (PEM or DER), fingerprinted, used to verify. */
public final class PublicKeys {
    private PublicKeys() {
    }

    /** "SHA256:" and the hex SHA-256 of the key's SPKI encoding. */
    public static String fingerprint(PublicKey key) {
        try {
            return "SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key of a {@code BEGIN PUBLIC KEY} PEM file (Ed25519 or ECDSA P-256). */
    public static PublicKey load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SigningKey.InvalidKeyException(file + ": no such public key file");
        } catch (IOException e) {
            throw new SigningKey.InvalidKeyException(file + ": cannot read the public key file (" + e.getMessage() + ")");
        }
        byte[] der = Pem.decode(text, "PUBLIC KEY");
        if (der == null) {
            String label = Pem.firstLabel(text);
            throw new SigningKey.InvalidKeyException(file + ": not a public key (\"BEGIN PUBLIC KEY\", SPKI): "
                    + (label == null ? "it holds no PEM block" : "it holds a " + label + " block"
                    + (label.contains("PRIVATE") ? " (give the .pub.pem file, never the private key)" : "")));
        }
        PublicKey key = decode(der);
        if (key == null) {
            throw new SigningKey.InvalidKeyException(file + ": not an Ed25519 or ECDSA P-256 public key");
        }
        return key;
    }

    /** The key of SPKI bytes, or null when they are not an Ed25519 or P-256 key. */
    static PublicKey decode(byte[] spki) {
        for (SigningAlgorithm a : SigningAlgorithm.values()) {
            PublicKey k = decode(a, spki);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    static PublicKey decode(SigningAlgorithm a, byte[] spki) {
        try {
            PublicKey k = KeyFactory.getInstance(a.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(spki));
            return algorithmOf(k) == a ? k : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The signing algorithm of a key, or null when it is neither Ed25519 nor a P-256 key. */
    static SigningAlgorithm algorithmOf(PublicKey k) {
        if (k instanceof java.security.interfaces.EdECPublicKey ed) {
            return "Ed25519".equalsIgnoreCase(ed.getParams().getName()) ? SigningAlgorithm.ED25519 : null;
        }
        if (k instanceof java.security.interfaces.ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() == 256
                    && ec.getParams().getOrder().toString(16).equals(
                    "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551") ? SigningAlgorithm.P256 : null;
        }
        return null;
    }

    static boolean verify(SigningAlgorithm a, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(a.signatureAlgorithm());
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
