package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line used wrongly: every case exits 2 with a message on stderr that says what is wrong and what
 * to do, and no stack trace. Output folders that cannot be written are simulated with paths even root cannot
 * write (/proc, /sys), folders in the way of report files, and /dev/full (a real "No space left on device"),
 * since the tests run as root and chmod does not stop root.
 */
class CliMisuseTest {
    @TempDir
    Path dir;

    /** A usage error as the user sees it: exit 2, the words on stderr, nothing on stdout, no stack trace. */
    private static CliRun usageError(CliRun r, String... words) {
        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        for (String w : words) {
            assertTrue(r.err().contains(w), () -> "missing \"" + w + "\" in\n" + r);
        }
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::toString);
        assertEquals("", r.out(), r::toString);
        return r;
    }

    static Stream<Arguments> subcommands() {
        return Stream.of(Arguments.of("template", "x.json"), Arguments.of("account", ""), Arguments.of("controls", ""),
                Arguments.of("policy", ""), Arguments.of("demo", ""), Arguments.of("wafr show", ""),
                Arguments.of("verify-evidence", ""), Arguments.of("verify-evidence", "evidence.zip"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("subcommands")
    void anUnknownOptionNamesItAndPointsToTheSubcommandsHelp(String command, String operand) {
        String args = command + " --no-such-flag" + (operand.isEmpty() ? "" : " " + operand);
        usageError(CliRun.run(args.split(" ")), "Unknown option: '--no-such-flag'",
                "Try 'cxscan " + command + " --help'");
    }

    @Test
    void aMistypedOptionSuggestsTheOneMeant() {
        usageError(CliRun.run("account", "--fail-one", "high"), "Unknown option", "'--fail-one'",
                "Did you mean: --fail-on?");
    }

    @Test
    void swappedLettersInAnOptionStillFindTheOneMeant() {
        CliRun r = usageError(CliRun.run("template", "--fromat", "json", "x.json"), "Unknown option: '--fromat'",
                "Try 'cxscan template --help'");
        assertTrue(r.err().lines().anyMatch(l -> l.equals("Did you mean: --format?")), r::toString);
        usageError(CliRun.run("template", "--fromat=json", "x.json"), "Did you mean: --format?");
    }

    @Test
    void aMistypedSubcommandSuggestsTheOneMeant() {
        usageError(CliRun.run("acount", "--regions", "us-east-1"), "Did you mean: account?");
    }

    @Test
    void anOptionLikeNoOtherGetsNoGuess() {
        CliRun r = usageError(CliRun.run("template", "--zzzzzzzz", "x.json"), "Unknown option: '--zzzzzzzz'");
        assertFalse(r.err().contains("Did you mean"), r::toString);
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        usageError(CliRun.run("template", "--out"), "Missing required parameter for option '--out' (DIR)",
                "Try 'cxscan template --help'");
        usageError(CliRun.run("account", "--regions"), "Missing required parameter for option '--regions'");
    }

    @Test
    void aBadValueNamesTheValuesAccepted() {
        String template = template();
        usageError(CliRun.run("template", "--out", dir.resolve("o").toString(), "--format", "pdf", template),
                "format 'pdf' is unknown", "available formats: json, sarif");
        usageError(CliRun.run("template", "--fail-on", "severe", template), "'severe' is not a severity",
                "critical, high, medium, low or none");
        usageError(CliRun.run("controls", "--format", "pdf"), "--format", "pdf", "text, json");
        usageError(CliRun.run("account", "--duration", "5m"), "an assumed-role session lasts 15m to 12h");
        usageError(CliRun.run("account", "--out", dir.resolve("o").toString(), "--concurrency", "0"),
                "--concurrency must be at least 1");
        assertFalse(Files.exists(dir.resolve("o")), "a usage error before scanning creates no output folder");
    }

    @Test
    void conflictingOptionsSayWhichToKeep() {
        String out = dir.resolve("o").toString();
        for (String command : new String[] {"account", "template"}) {
            String operand = command.equals("template") ? template() : "--regions=us-east-1";
            usageError(CliRun.run(command, "--out", out, "--wafr-file", "review.json", "--wafr-workload", "wl-1", operand),
                    "--wafr-file and --wafr-workload are alternatives: give one of them");
            usageError(CliRun.run(command, "--out", out, "--wafr-milestone", "2", operand),
                    "--wafr-milestone needs --wafr-workload");
        }
        assertFalse(Files.exists(dir.resolve("o")), "a usage error before scanning creates no output folder");
        usageError(CliRun.run("account", "--out", out, "--external-id", "x"),
                "--external-id needs --role-arn", "add --role-arn ARN", "or drop --external-id");
        usageError(CliRun.run("account", "--out", out, "--regions", "all,us-east-1"),
                "--regions all cannot be combined with region names", "give all, or the regions to scan");
        usageError(CliRun.run("policy", "--external-id", "x"), "--trusted-principal and --external-id go with --cloudformation");
        usageError(CliRun.run("policy", "--cloudformation"), "--cloudformation needs --trusted-principal ARN");
    }

    @Test
    void anOutFolderThatIsAFileOrUnderAFileIsRefusedBeforeScanning() throws IOException {
        Path file = Files.writeString(dir.resolve("report"), "not a folder");
        usageError(CliRun.run("template", "--out", file.toString(), template()),
                "--out " + file + ": it is a file, not a folder", "choose another --out");
        usageError(CliRun.run("template", "--out", file.resolve("sub").toString(), template()),
                file + " is a file, not a folder", "choose another --out");
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void anOutFolderThatCannotBeCreatedOrWrittenIsRefusedBeforeScanning() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        // /proc/self cannot hold new folders or files, not even for root
        usageError(CliRun.run("template", "--out", "/proc/self/cxscan-report", template()),
                "--out /proc/self/cxscan-report: cannot create the folder (No such file or directory)",
                "choose another --out, a folder you can write");
        usageError(CliRun.run("template", "--out", "/proc/self", template()),
                "--out /proc/self: cannot write in the folder", "choose another --out");
    }

    @Test
    void aFolderRootCannotWriteIsRefusedWithTheSystemsReason() {
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !canCreateFileIn(sys), "needs a /sys that refuses new files");
        usageError(CliRun.run("account", "--out", "/sys", "--regions", "us-east-1"),
                "--out /sys: cannot write in the folder (", "choose another --out");
    }

    @ParameterizedTest(name = "--fail-on {0}")
    @ValueSource(strings = {"medium", "none"})
    void aReportFileBlockedByAFolderIsExit2NotTheGatesAnswer(String failOn) throws IOException {
        // the scan finds a medium FAIL: the gate alone would say 1 (medium) or 0 (none)
        assertEquals("medium".equals(failOn) ? ExitCodes.FINDINGS : ExitCodes.OK,
                CliRun.run("template", "--out", dir.resolve("ok").toString(), "--format", "json", "--fail-on", failOn,
                        template()).exit());
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createDirectories(out.resolve("results.json"));
        CliRun r = usageError(CliRun.run("template", "--out", out.toString(), "--format", "html,json,sarif",
                        "--fail-on", failOn, template()),
                "cannot write " + out.resolve("results.json") + " (Is a directory)",
                "remove or rename that folder, or choose another --out",
                "only these report files were written: " + out.resolve("index.html") + ", " + out.resolve("results.sarif"));
        assertFalse(r.err().contains("wrote " + out.resolve("results.json")), r::toString);
        assertTrue(Files.isDirectory(out.resolve("results.json")), "the folder in the way is left alone");
        assertTrue(Files.isRegularFile(out.resolve("results.sarif")), "the other formats are still written");
    }

    @Test
    void aSymbolicLinkWithAReportsNameIsNeitherWrittenThroughNorReplaced() throws IOException {
        // the reports are written beside --out and renamed in: a full disk fails there (ReportFileTest,
        // ReportFolderTest); a link in --out is the user's and stays as it is
        Path target = Files.writeString(dir.resolve("elsewhere.json"), "the user's file");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("results.json"), target);
        usageError(CliRun.run("template", "--out", out.toString(), "--format", "json,md", template()),
                "cannot write " + out.resolve("results.json") + " (a symbolic link cxscan did not write is in the way)",
                "remove or rename it, or choose another --out",
                "only these report files were written: " + out.resolve("summary.md"));
        assertTrue(Files.isSymbolicLink(out.resolve("results.json")), "the link stays");
        assertEquals("the user's file", Files.readString(target), "nothing is written through the link");
    }

    @Test
    void aFailedEvidenceBundleLeavesNoHalfBundleAndDoesNotBlockTheNextRun() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path blocker = Files.createDirectories(out.resolve("evidence.zip").resolve("in-the-way"));
        usageError(CliRun.run("template", "--out", out.toString(), "--format", "evidence", template()),
                "cannot write " + out.resolve("evidence.zip"), "no report file was written");
        assertFalse(Files.exists(out.resolve("evidence")), "the incomplete evidence/ folder is removed");
        Files.delete(blocker);
        Files.delete(out.resolve("evidence.zip"));
        CliRun again = CliRun.run("template", "--out", out.toString(), "--format", "evidence", template());
        assertEquals(ExitCodes.OK, again.exit(), again::toString);
        assertTrue(Files.isRegularFile(out.resolve("evidence").resolve("manifest.json")));
    }

    private String template() {
        Path t = dir.resolve("template.json");
        try {
            if (!Files.exists(t)) {
                Files.writeString(t, TemplateCommandTest.BUCKETS);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return t.toString();
    }

    private static boolean canCreateFileIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
