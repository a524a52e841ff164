package dev.cxscan.scanner.cli;

import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.CxscanCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process with captured stdout and stderr. */
record CliRun(int exit, String out, String err) {
    /** With the rules on the classpath. */
    static CliRun run(String... args) {
        return run(null, args);
    }

    /** With the given engine for `template` (null: every rule on the classpath). */
    static CliRun run(RuleEngine engine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (engine != null && cls == TemplateCommand.class) {
                    return cls.cast(new TemplateCommand(() -> engine));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        int exit = CxscanCommand.run(factory, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
