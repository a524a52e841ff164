package dev.cxscan.scanner;

/** Entry point of the runnable jar; the commands are picocli subcommands of {@link CxscanCommand}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CxscanCommand.run(args));
    }
}
