package dev.cxscan.scanner;

import dev.cxscan.scanner.cli.ExitCodes;

/** Entry point of the runnable jar; the commands are picocli subcommands of {@link CxscanCommand}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = CxscanCommand.run(args);
        } catch (OutOfMemoryError e) {
            // uncaught, the JVM would print a stack trace and exit 1, which a pipeline reads as "FAIL findings"
            System.err.println("cxscan: error: out of memory (" + e.getMessage() + "): the reports may be incomplete; "
                    + "run again with a larger heap, e.g. CXSCAN_JAVA_OPTS=-Xmx2g (the launcher's default is 1 GB)");
            exit = ExitCodes.SCAN_ERROR;
        }
        System.exit(exit);
    }
}
