package dev.cxscan.scanner;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: subcommands template, account, controls. */
@Command(name = "cxscan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Evidence for the AWS Generative AI Competency common customer example requirements.",
        subcommands = {CommandLine.HelpCommand.class})
public final class CxscanCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Runs the command line and returns the exit code (0, 1, 2 or 3 as ARCHITECTURE.md defines). */
    public static int run(String... args) {
        return new CommandLine(new CxscanCommand()).execute(args);
    }
}
