package dev.cxscan.scanner;

import dev.cxscan.scanner.cli.AccountCommand;
import dev.cxscan.scanner.cli.ControlsCommand;
import dev.cxscan.scanner.cli.DemoCommand;
import dev.cxscan.scanner.cli.PolicyCommand;
import dev.cxscan.scanner.cli.ReportsNotWrittenException;
import dev.cxscan.scanner.cli.Suggestions;
import dev.cxscan.scanner.cli.ExitCodes;
import dev.cxscan.scanner.cli.TemplateCommand;
import dev.cxscan.scanner.cli.VerifyEvidenceCommand;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: subcommands template, account, controls, policy, demo, wafr, verify-evidence, keygen. */
@Command(name = "cxscan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Evidence for the AWS Generative AI Competency common customer example requirements.",
        subcommands = {TemplateCommand.class, AccountCommand.class, ControlsCommand.class, PolicyCommand.class,
            DemoCommand.class, dev.cxscan.scanner.wafr.WafrCommand.class, dev.cxscan.scanner.cli.KeygenCommand.class,
            CommandLine.HelpCommand.class})
public final class CxscanCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Runs the command line and returns the exit code (0, 1, 2 or 3 as ARCHITECTURE.md defines). */
    public static int run(String... args) {
        Charset cs = Charset.defaultCharset();
        return run(CommandLine.defaultFactory(), new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true), args);
    }

    /** Runs with the given factory (tests inject commands) and streams. */
    public static int run(CommandLine.IFactory factory, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(factory, out, err).execute(args);
    }

    /**
     * "Did you mean: --format?" for a mistyped option (or subcommand), by edit distance over the failed command's
     * option names (and subcommands); picocli's own suggestions when none is that close.
     */
    static java.util.Optional<String> suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return java.util.Optional.empty();
        }
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String arg : unmatched.getUnmatched()) {
            java.util.Collection<String> names = arg.startsWith("-") ? spec.optionsMap().keySet()
                    : spec.subcommands().keySet();
            String typed = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Suggestions.closest(typed, names.stream().filter(n -> n.startsWith("--") || !typed.startsWith("--"))
                    .sorted().toList()).stream().filter(n -> !found.contains(n)).forEach(found::add);
            if (!found.isEmpty()) {
                break; // the first mistyped argument is the one to fix first
            }
        }
        if (found.isEmpty()) {
            found.addAll(unmatched.getSuggestions());
        }
        return found.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("Did you mean: " + Suggestions.join(found.subList(0, Math.min(3, found.size()))) + "?");
    }

    /** The configured command line: usage errors exit 2, unexpected exceptions print one line and exit 3. */
    public static CommandLine commandLine(CommandLine.IFactory factory, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new CxscanCommand(), factory);
        cl.addSubcommand("verify-evidence", new CommandLine(VerifyEvidenceCommand.class, factory));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter e = failed.getErr();
            e.println("cxscan: error: " + ex.getMessage());
            if (!(ex instanceof CommandLine.UnmatchedArgumentException) && failed.getParseResult() != null) {
                // a missing parameter is reported first by picocli, though a mistyped option is often why it is missing
                failed.getParseResult().unmatched().stream().filter(a -> a.startsWith("-")).findFirst()
                        .ifPresent(a -> e.println("cxscan: error: Unknown option: '" + a + "'"));
            }
            suggestion(ex).ifPresent(e::println);
            e.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            e.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ReportsNotWrittenException) { // an output problem the user fixes: 2, like a bad --out
                ex.getMessage().lines().forEach(l -> commandLine.getErr().println("cxscan: error: " + l));
                commandLine.getErr().flush();
                return ExitCodes.USAGE;
            }
            commandLine.getErr().println("cxscan: error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("CXSCAN_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ExitCodes.SCAN_ERROR;
        });
        return cl;
    }
}
