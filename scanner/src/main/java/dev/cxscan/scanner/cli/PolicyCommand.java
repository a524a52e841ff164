package dev.cxscan.scanner.cli;

import dev.cxscan.scanner.live.ReadOnlyPolicy;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cxscan policy}: the IAM policy of the scan role, or a CloudFormation template deploying the role. */
@Command(name = "policy", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
        sortOptions = false,
        description = "Print the read-only IAM policy `cxscan account` needs (exactly the actions its probes call), "
                + "or with --cloudformation a template that deploys a scan role with that policy.")
public final class PolicyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cloudformation",
            description = "Print a CloudFormation template for the scan role (AWS::IAM::Role, MaxSessionDuration 3600, "
                    + "the policy inline) instead of the policy.")
    boolean cloudFormation;

    @Option(names = "--trusted-principal", paramLabel = "ARN",
            description = "With --cloudformation: the principal allowed to assume the role (the partner's account "
                    + "root arn:aws:iam::ACCOUNT:root, or a role ARN).")
    String principal;

    @Option(names = "--external-id", paramLabel = "ID",
            description = "With --cloudformation: the sts:ExternalId the trust requires. Default: a random one, "
                    + "printed on stderr.")
    String externalId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!cloudFormation) {
            if (principal != null || externalId != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--trusted-principal and --external-id go with --cloudformation");
            }
            out.println(ReadOnlyPolicy.pretty(ReadOnlyPolicy.document()));
            out.flush();
            return ExitCodes.OK;
        }
        if (principal == null || principal.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cloudformation needs --trusted-principal ARN (who may assume the scan role)");
        }
        if (!principal.startsWith("arn:") && !principal.matches("\\d{12}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--trusted-principal '" + principal + "' is neither an ARN nor a 12-digit account id");
        }
        String trusted = principal.matches("\\d{12}") ? "arn:aws:iam::" + principal + ":root" : principal;
        String id = externalId;
        if (id == null || id.isBlank()) {
            id = UUID.randomUUID().toString();
            PrintWriter err = spec.commandLine().getErr();
            err.println("cxscan: generated external id " + id + " (pass it to cxscan account --external-id)");
            err.flush();
        }
        out.println(ReadOnlyPolicy.pretty(ReadOnlyPolicy.cloudFormation(trusted, id)));
        out.flush();
        return ExitCodes.OK;
    }
}
