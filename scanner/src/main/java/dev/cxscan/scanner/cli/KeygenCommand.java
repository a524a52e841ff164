package dev.cxscan.scanner.cli;

import dev.cxscan.reports.evidence.SigningAlgorithm;
import dev.cxscan.reports.evidence.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cxscan keygen --out DIR}: a key pair to sign evidence bundles with (--sign-key) and to verify them with
 * (verify-evidence --public-key). The private key file is created readable by its owner only, and never replaces
 * an existing file: a key that signed earlier bundles must not be lost.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
        description = "Create a key pair for signing evidence bundles: DIR/" + KeygenCommand.PRIVATE + " (PKCS#8, "
                + "for --sign-key; keep it secret) and DIR/" + KeygenCommand.PUBLIC + " (SPKI, for "
                + "verify-evidence --public-key). Prints the key's fingerprint.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the key pair was written",
            "2:usage error, a key file already exists (never overwritten), or the folder cannot be written"})
public final class KeygenCommand implements Callable<Integer> {
    static final String PRIVATE = "cxscan-signing-key.pem";
    static final String PUBLIC = "cxscan-signing-key.pub.pem";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the two key files (created).")
    Path out;

    @Option(names = "--algorithm", paramLabel = "ALGORITHM", defaultValue = "ed25519",
            description = "ed25519 or p256 (ECDSA on NIST P-256). Default: ${DEFAULT-VALUE}.")
    String algorithm;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SigningAlgorithm alg = switch (algorithm.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "ed25519" -> SigningAlgorithm.ED25519;
            case "p256", "p-256" -> SigningAlgorithm.P256;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--algorithm '" + algorithm + "' is unknown: use ed25519 or p256");
        };
        Path priv = out.resolve(PRIVATE);
        Path pub = out.resolve(PUBLIC);
        for (Path p : java.util.List.of(priv, pub)) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                err.println("cxscan: error: refusing to overwrite " + p + ": keep the key that signed earlier bundles; "
                        + "choose another --out");
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        SigningKey key = SigningKey.generate(alg);
        try {
            Files.createDirectories(out);
            writePrivate(priv, key.privatePem());
            Files.writeString(pub, key.publicPem(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println("cxscan: error: refusing to overwrite " + e.getFile() + ": choose another --out");
            err.flush();
            return ExitCodes.USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("cxscan: error: cannot write the key files in " + out + " ("
                    + dev.cxscan.reports.ReportFile.ReportFileException.reason(e) + "): choose another --out");
            err.flush();
            return ExitCodes.USAGE;
        }
        stdout.println("wrote " + priv + " (" + alg.id() + " private key: keep it secret; sign with --sign-key "
                + priv + ")");
        stdout.println("wrote " + pub + " (public key: give it, and the fingerprint, to whoever verifies)");
        stdout.println("fingerprint " + key.fingerprint());
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Created new, owner read/write only where the file system has POSIX permissions (never readable in between). */
    private static void writePrivate(Path file, String pem) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            // the umask can only remove bits; set them again in case the file system ignored the attribute
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } else {
            Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }
}
