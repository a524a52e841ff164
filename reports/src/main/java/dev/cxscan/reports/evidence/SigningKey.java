package dev.cxscan.reports.evidence;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * A private key that signs evidence manifests (Ed25519 or ECDSA P-256, PKCS#8 PEM), with its public key. The
 * JDK cannot read the public key out of a PKCS#8 file, so it is derived from the private key (and checked by a
 * test signature) rather than asked for separately.
 */
public final class SigningKey {
    private static final byte[] SELF_TEST = "cxscan signing key check".getBytes(StandardCharsets.US_ASCII);

    private final SigningAlgorithm algorithm;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(SigningAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A bad key file: the message says what the file holds and what is expected. */
    public static final class InvalidKeyException extends IOException {
        public InvalidKeyException(String message) {
            super(message);
        }
    }

    public static SigningKey generate(SigningAlgorithm algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.keyAlgorithm());
            if (algorithm == SigningAlgorithm.P256) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            KeyPair kp = g.generateKeyPair();
            return new SigningKey(algorithm, kp.getPrivate(), kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + algorithm.id() + " key", e);
        }
    }

    /** Reads an Ed25519 or ECDSA P-256 private key in PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
    public static SigningKey load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidKeyException(file + ": no such key file");
        } catch (IOException e) {
            throw new InvalidKeyException(file + ": cannot read the key file (" + e.getMessage() + ")");
        }
        byte[] der = Pem.decode(text, "PRIVATE KEY");
        if (der == null) {
            String label = Pem.firstLabel(text);
            String hint = label == null ? "it holds no PEM block"
                    : label.equals("ENCRYPTED PRIVATE KEY") ? "it is encrypted; cxscan reads unencrypted keys only"
                    : label.equals("EC PRIVATE KEY") ? "it is a SEC1 key; convert it: openssl pkcs8 -topk8 -nocrypt -in KEY"
                    : "it holds a " + label + " block";
            throw new InvalidKeyException(file + ": not a PKCS#8 private key (\"BEGIN PRIVATE KEY\"): " + hint);
        }
        for (SigningAlgorithm a : SigningAlgorithm.values()) {
            PrivateKey k;
            try {
                k = KeyFactory.getInstance(a.keyAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                continue;
            }
            try {
                SigningKey key = new SigningKey(a, k, derivePublic(a, k));
                if (!PublicKeys.verify(a, key.publicKey, SELF_TEST, key.sign(SELF_TEST))) {
                    throw new GeneralSecurityException("the derived public key does not verify the key's signature");
                }
                return key;
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new InvalidKeyException(file + ": not an Ed25519 or ECDSA P-256 key (" + e.getMessage() + ")");
            }
        }
        throw new InvalidKeyException(file + ": not an Ed25519 or ECDSA P-256 private key in PKCS#8");
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** "SHA256:" and the hex SHA-256 of the public key's SPKI encoding. */
    public String fingerprint() {
        return PublicKeys.fingerprint(publicKey);
    }

    public String privatePem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    public String publicPem() {
        return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
    }

    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(algorithm.signatureAlgorithm());
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + algorithm.id() + " key", e);
        }
    }

    private static PublicKey derivePublic(SigningAlgorithm a, PrivateKey k) throws GeneralSecurityException {
        if (a == SigningAlgorithm.ED25519) {
            if (!(k instanceof EdECPrivateKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
                throw new GeneralSecurityException("not an Ed25519 key");
            }
            byte[] seed = ed.getBytes().orElseThrow(() -> new GeneralSecurityException("the key hides its bytes"));
            // the JDK's generator derives the public key from 32 random bytes: hand it the seed as those bytes
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair kp = g.generateKeyPair();
            byte[] again = ((EdECPrivateKey) kp.getPrivate()).getBytes().orElse(new byte[0]);
            if (!Arrays.equals(again, seed)) {
                throw new GeneralSecurityException("cannot derive the Ed25519 public key");
            }
            return kp.getPublic();
        }
        if (!(k instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
            throw new GeneralSecurityException("an EC key on another curve than P-256");
        }
        ECParameterSpec p = ec.getParams();
        ECPoint q = multiply(p.getGenerator(), ec.getS(), p.getCurve());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, p));
    }

    private static boolean isP256(ECParameterSpec p) throws GeneralSecurityException {
        java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec ref = ap.getParameterSpec(ECParameterSpec.class);
        return ref.getCurve().equals(p.getCurve()) && ref.getOrder().equals(p.getOrder())
                && ref.getGenerator().equals(p.getGenerator());
    }

    /** k·g in affine coordinates: one multiplication per key load, speed does not matter. */
    private static ECPoint multiply(ECPoint g, BigInteger k, EllipticCurve curve) {
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        ECPoint r = ECPoint.POINT_INFINITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = add(r, r, p, curve.getA());
            if (k.testBit(i)) {
                r = add(r, g, p, curve.getA());
            }
        }
        return r;
    }

    private static ECPoint add(ECPoint s, ECPoint t, BigInteger p, BigInteger a) {
        if (s.equals(ECPoint.POINT_INFINITY)) {
            return t;
        }
        if (t.equals(ECPoint.POINT_INFINITY)) {
            return s;
        }
        BigInteger lambda;
        if (s.getAffineX().equals(t.getAffineX())) {
            if (s.getAffineY().add(t.getAffineY()).mod(p).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            BigInteger x = s.getAffineX();
            lambda = x.multiply(x).multiply(BigInteger.valueOf(3)).add(a)
                    .multiply(s.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = t.getAffineY().subtract(s.getAffineY())
                    .multiply(t.getAffineX().subtract(s.getAffineX()).modInverse(p)).mod(p);
        }
        BigInteger x3 = lambda.multiply(lambda).subtract(s.getAffineX()).subtract(t.getAffineX()).mod(p);
        BigInteger y3 = lambda.multiply(s.getAffineX().subtract(x3)).subtract(s.getAffineY()).mod(p);
        return new ECPoint(x3, y3);
    }

    /** Hands out the given bytes once, as the "random" bytes of a key generator. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
