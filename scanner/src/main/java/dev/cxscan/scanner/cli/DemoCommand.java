package dev.cxscan.scanner.cli;

import dev.cxscan.scanner.demo.AccountSeeder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cxscan demo}: starts the emulator (localstack/start), seeds the example account of the
 * scenario, scans it together with the example CDK app's templates (compliant: CompliantStack only;
 * noncompliant: both stacks) and the sample evidence (examples/evidence.yaml), writes the report
 * folder, prints the summary and where the report is, and stops the emulator.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
        sortOptions = false,
        description = "Try cxscan without an AWS account: start an AWS emulator, seed an example customer account "
                + "(by default one that misses several requirements), scan it with the example CDK app's templates "
                + "and the sample evidence documents, and write the report.")
public final class DemoCommand implements Callable<Integer> {
    static final String COMPLIANT = "compliant";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "cxscan-demo-report",
            description = "Folder for the report. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "noncompliant",
            description = "Example account to seed: noncompliant (scanned with both example stacks) or compliant "
                    + "(scanned with CompliantStack only). Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--keep-emulator",
            description = "Leave the emulator running after the scan (the command prints how to stop it).")
    boolean keep;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> root = projectRoot();
        if (root.isEmpty()) {
            err.println("cxscan: error: cxscan demo runs from a cxscan checkout (it needs localstack/start and "
                    + "examples/cdk.out); run it from the repository folder");
            err.flush();
            return ExitCodes.USAGE;
        }
        Optional<AccountSeeder> seeder = AccountSeeder.find();
        if (seeder.isEmpty()) {
            err.println("cxscan: error: this build has no example account seeder (dev.cxscan.scanner.demo.Seeder "
                    + "registered in META-INF/services/" + AccountSeeder.class.getName() + ")");
            err.flush();
            return ExitCodes.SCAN_ERROR;
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        Path scripts = root.get().resolve("localstack");
        if (script(scripts.resolve("start"), port, err) != 0) {
            err.println("cxscan: error: the emulator did not start (see above)");
            err.flush();
            return ExitCodes.SCAN_ERROR;
        }
        // emulators accept any credentials; keep real ones from being sent to them
        String keyId = System.getProperty("aws.accessKeyId");
        String secret = System.getProperty("aws.secretAccessKey");
        try {
            System.setProperty("aws.accessKeyId", "cxscan-demo");
            System.setProperty("aws.secretAccessKey", "cxscan-demo");
            if (!quiet) {
                err.println("cxscan: seeding the " + scenario + " example account");
                err.flush();
            }
            seeder.get().seed(endpoint, scenario);
            List<String> args = new ArrayList<>(List.of("--endpoint-url", endpoint, "--regions", "us-east-1",
                    "--out", out.toString(), "--format", "text,json,html,evidence", "--fail-on", "none"));
            exampleTemplates(root.get().resolve("examples").resolve("cdk.out"), scenario)
                    .ifPresent(t -> args.addAll(List.of("--template", t.toString())));
            Path evidence = root.get().resolve("examples").resolve("evidence.yaml");
            if (Files.isRegularFile(evidence)) {
                args.addAll(List.of("--evidence", evidence.toString()));
            }
            if (quiet) {
                args.add("--quiet");
            }
            CommandLine account = new CommandLine(new AccountCommand());
            account.setOut(spec.commandLine().getOut());
            account.setErr(err);
            account.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
            account.setParameterExceptionHandler(spec.commandLine().getParameterExceptionHandler());
            int exit = account.execute(args.toArray(String[]::new));
            PrintWriter o = spec.commandLine().getOut();
            o.println();
            o.println("The report is in " + out.toAbsolutePath() + " (index.html, results.json, evidence.zip).");
            boolean written = Files.isRegularFile(out.resolve("results.json"));
            if (exit == ExitCodes.SCAN_ERROR && written) {
                o.println("ERROR findings: the emulator does not serve every API the scan reads (e.g. CloudTrail "
                        + "LookupEvents); localstack/seed/README.md lists them. Against AWS these checks are judged.");
            }
            o.println("Scan your own account: cxscan account --profile PROFILE --regions all --template cdk.out");
            o.flush();
            // the demo succeeded when it wrote the report: its FAIL and emulator-caused ERROR findings are the point
            return written && (exit == ExitCodes.FINDINGS || exit == ExitCodes.SCAN_ERROR) ? ExitCodes.OK : exit;
        } finally {
            restore("aws.accessKeyId", keyId);
            restore("aws.secretAccessKey", secret);
            if (!keep) {
                script(scripts.resolve("stop"), port, err);
            } else {
                err.println("cxscan: the emulator keeps running at " + endpoint + "; stop it with CXSCAN_EMULATOR_PORT="
                        + port + " " + scripts.resolve("stop"));
                err.flush();
            }
        }
    }

    /**
     * The example app's templates scanned with the account: for the compliant account only CompliantStack, so
     * the report shows one end (a newcomer otherwise reads NoncompliantStack's FAILs as the compliant result);
     * for the noncompliant account the whole cloud assembly, both stacks.
     */
    static Optional<Path> exampleTemplates(Path cdkOut, String scenario) {
        if (!Files.isDirectory(cdkOut)) {
            return Optional.empty();
        }
        if (COMPLIANT.equals(scenario)) {
            Path compliant = cdkOut.resolve("CompliantStack.template.json");
            return Files.isRegularFile(compliant) ? Optional.of(compliant) : Optional.empty();
        }
        return Optional.of(cdkOut);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private int script(Path script, int port, PrintWriter err) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("CXSCAN_EMULATOR_PORT", Integer.toString(port));
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!quiet) {
                    err.println(line);
                    err.flush();
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroy();
            return 1;
        }
        return p.exitValue();
    }

    /** The checkout: from the working folder upwards, then from the jar's location (scanner/target/cxscan.jar). */
    static Optional<Path> projectRoot() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException ignored) {
            // no code source: only the working folder
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("localstack").resolve("start"))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
