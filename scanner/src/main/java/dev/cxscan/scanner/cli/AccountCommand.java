package dev.cxscan.scanner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ReportWriters;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.ToolInfo;
import dev.cxscan.reports.ServiceCalls;
import dev.cxscan.scanner.live.AccountScan;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.KnownRegions;
import dev.cxscan.scanner.live.NoCredentialsException;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ScanCheckpoint;
import dev.cxscan.scanner.live.SessionConfig;
import dev.cxscan.scanner.ResourceData;
import dev.cxscan.scanner.template.TemplateScan;
import dev.cxscan.scanner.wafr.WafrApiImporter;
import dev.cxscan.scanner.wafr.WafrOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.wellarchitected.WellArchitectedClient;

/** {@code cxscan account [options]}: the read-only live scan of one AWS account. */
@Command(name = "account", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
        sortOptions = false,
        description = "Scan a live AWS account, read-only, against the checklist controls. Credentials come from "
                + "the SDK default chain, --profile, or a role assumed with --role-arn and --external-id. "
                + "Every API call is checked against an allowlist of read operations before it is sent; "
                + "`cxscan policy` prints the IAM policy the scan role needs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no FAIL finding at or above --fail-on",
            "1:a FAIL finding at or above --fail-on",
            "2:usage error or input error; --evidence or --wafr-file names a missing or invalid file, or --sign-key is not a usable key",
            "3:scan errors: an API call failed (ERROR findings name the action and the error code), "
                    + "no credentials were found, the account could not be reached, or --wafr-workload could not be read"})
public final class AccountCommand implements Callable<Integer> {
    /** What the command scans with; tests substitute probes, checks, rules and session settings. */
    public record Setup(Supplier<List<Probe>> probes, Supplier<List<LiveCheck>> liveChecks,
                        Supplier<RuleEngine> engine, UnaryOperator<SessionConfig> session) {
        public static Setup standard() {
            return new Setup(AccountScan::loadProbes, AccountScan::loadLiveChecks, RuleEngine::withAllRules,
                    UnaryOperator.identity());
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    WafrOptions wafr;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "A named profile of the AWS config files.")
    String profile;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "Assume this role (e.g. the role `cxscan policy --cloudformation` deploys) and scan its account.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "sts:ExternalId for --role-arn.")
    String externalId;

    @Option(names = "--session-name", paramLabel = "NAME", defaultValue = SessionConfig.DEFAULT_SESSION_NAME,
            description = "Role session name for --role-arn (shows in the account's CloudTrail). Default: ${DEFAULT-VALUE}.")
    String sessionName;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "Assumed-role session duration: seconds, or 15m..12h (credentials are refreshed before "
                    + "they expire). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "Regions to scan, comma-separated, or `all` (every region enabled for the account). "
                    + "Default: the profile's region. A name the AWS SDK does not know is refused before any call "
                    + "(exit 2), with the nearest known names.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every API call to this endpoint (an emulator such as LocalStack or moto). "
                    + "AWS_ENDPOINT_URL is honoured too.")
    URI endpointUrl;

    @Option(names = "--template", paramLabel = "PATH",
            description = "Also scan this workload's templates (file, folder or cdk.out) into the same report; repeatable.")
    List<Path> templates = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Probes run at once (regions and services in parallel). Default: ${DEFAULT-VALUE}.",
            defaultValue = "8")
    int concurrency;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Save each part of the scan (one service in one region) into DIR as it completes, and "
                    + "reuse the parts already there instead of reading them again: the same command resumes a scan "
                    + "that was interrupted. Parts that recorded an API error are read again. DIR is created if "
                    + "absent; it must hold a scan of the same account. Saved parts are reused however old: use a "
                    + "fresh DIR for a fresh scan.")
    Path resume;
    @Option(names = "--max-rps", paramLabel = "N",
            description = "At most N API calls per second to each AWS service (ec2, iam, s3 ...), retries included, "
                    + "shared by all threads. Default: no cap; the SDK's adaptive retry mode still backs off and "
                    + "slows down on its own when a service throttles. Calls, retries and throttles per service are "
                    + "printed after the scan and written to results.json (scan.apiCalls).")
    Integer maxRps;

    private final Setup setup;

    public AccountCommand() {
        this(Setup.standard());
    }

    public AccountCommand(Setup setup) {
        this.setup = setup;
    }

    @Override
    public Integer call() throws Exception {
        Reporting reporting = new Reporting(common, spec.commandLine());
        List<ReportWriter> writers = common.writers(reporting.writerOptions(), ReportWriters.ACCOUNT_DEFAULTS);
        Optional<EvidenceFile> evidence = reporting.evidence();
        if (evidence.isEmpty() || !reporting.signingKey(writers)) {
            return ExitCodes.USAGE;
        }
        wafr.validate();
        if (concurrency < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--concurrency must be at least 1");
        }
        if (maxRps != null && maxRps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-rps must be at least 1 (calls per second per service); leave it out for no cap");
        }
        if (externalId != null && roleArn == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--external-id needs --role-arn: add --role-arn ARN (the role to assume), or drop --external-id");
        }
        Path out = common.createOut();
        boolean terminal = System.console() != null;
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), common.quiet(), terminal);

        SessionConfig config = SessionConfig.defaults().withProfile(profile)
                .withRole(roleArn, externalId, sessionName, duration);
        URI endpoint = endpointUrl != null ? endpointUrl : envEndpoint();
        if (endpoint != null) {
            config = config.withEndpoint(endpoint);
        }
        config = setup.session().apply(config);
        config = config.withMaxConnections(Math.max(config.maxConnections(), concurrency * 2));
        if (maxRps != null) {
            config = config.withMaxRps(maxRps);
        }

        List<String> requested = regions.stream().map(r -> r.trim().toLowerCase(Locale.ROOT))
                .filter(r -> !r.isEmpty()).distinct().toList();
        boolean all = requested.contains("all");
        if (all && requested.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--regions all cannot be combined with region names: give all, or the regions to scan");
        }
        for (String r : requested) {
            if (!r.equals("all") && !KnownRegions.known(r)) {
                throw new CommandLine.ParameterException(spec.commandLine(), unknownRegion(r, "--regions"));
            }
        }
        Region home = !requested.isEmpty() && !all && !hasConfiguredRegion(profile)
                ? Region.of(requested.get(0))
                : AwsSession.homeRegion(profile, progress::warn);
        if (!KnownRegions.known(home.id())) {
            throw new CommandLine.ParameterException(spec.commandLine(), unknownRegion(home.id(),
                    profile != null ? "profile " + profile + "'s region" : "AWS_REGION or the profile's region"));
        }

        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (AwsSession session = new AwsSession(config, home)) {
            AwsSession.Identity identity;
            List<Region> scan;
            String step = null; // what is being tried, for the error line: the SDK's message rarely names the call
            try {
                session.checkCredentials();
            } catch (NoCredentialsException e) {
                reporting.error(e.getMessage());
                if (System.getenv("CXSCAN_DEBUG") != null) {
                    e.getCause().printStackTrace(spec.commandLine().getErr());
                }
                return ExitCodes.SCAN_ERROR;
            }
            try {
                if (roleArn != null) {
                    step = "cannot assume role " + roleArn + " (sts:AssumeRole)";
                    session.credentials().resolveCredentials();
                }
                step = "sts:GetCallerIdentity failed";
                identity = session.identity();
                reporting.progress("scanning account " + identity.account() + " as " + identity.arn()
                        + (endpoint != null ? " at " + endpoint : ""));
                step = "ec2:DescribeRegions failed";
                scan = all ? session.enabledRegions().stream().map(Region::of).toList()
                        : requested.isEmpty() ? List.of(home) : requested.stream().map(Region::of).toList();
            } catch (RuntimeException e) {
                String code = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                        && a.awsErrorDetails().errorCode() != null ? a.awsErrorDetails().errorCode() + ": " : "";
                spec.commandLine().getErr().println("cxscan: error: cannot start the scan: " + step + ": " + code
                        + AwsSession.describe(e));
                spec.commandLine().getErr().flush();
                return ExitCodes.SCAN_ERROR;
            }
            ScanCheckpoint checkpoint = null;
            if (resume != null) {
                try {
                    checkpoint = ScanCheckpoint.open(resume, identity.account(), ToolInfo.current().version(), progress::warn);
                } catch (ScanCheckpoint.CheckpointException e) {
                    reporting.error(e.getMessage());
                    return ExitCodes.USAGE;
                }
            }
            // the review is read before the scan (bad input fails fast) through the scan's session: its
            // credentials, endpoint, interceptors (read-only guard, call recorder, rate limit) and metrics publisher
            wafr.session(session.clientSettings(WellArchitectedClient.SERVICE_NAME, home));
            WafrOptions.Loaded review;
            try {
                review = wafr.load(reporting::progress);
            } catch (WafrApiImporter.WafrApiException e) {
                reporting.error(e.getMessage());
                return ExitCodes.SCAN_ERROR;
            }
            AccountScan accountScan = new AccountScan(session, identity.account(), home, setup.probes().get(),
                    setup.liveChecks().get(), setup.engine().get(), concurrency, progress)
                    .reachability(session::unreachable).checkpoint(checkpoint);
            AccountScan.Outcome live = accountScan.run(scan);

            List<Finding> findings = new ArrayList<>(live.findings());
            Map<String, Check> checks = new LinkedHashMap<>();
            live.checks().forEach(c -> checks.putIfAbsent(c.id(), c));
            List<Resource> liveResources = new ArrayList<>();
            live.inventory().resourcesByRegion().values().forEach(liveResources::addAll);
            Map<ResourceRef, JsonNode> resourceData = new LinkedHashMap<>(ResourceData.of(liveResources, live.findings()));
            Diagnostics diagnostics = new Diagnostics();
            List<String> templatePaths = List.of();
            if (!templates.isEmpty()) {
                TemplateScan.Outcome t = new TemplateScan(setup.engine().get()).run(templates, diagnostics, evidence.get());
                if (t.templates() == 0 && !diagnostics.hasInputErrors()) {
                    diagnostics.inputError(templates.toString(), null, "no CloudFormation template found");
                }
                findings.addAll(t.result().findings());
                t.result().checks().forEach(c -> checks.putIfAbsent(c.id(), c));
                t.result().resourceData().forEach(resourceData::putIfAbsent);
                templatePaths = t.result().scan().templates();
            }
            Map<String, ServiceCalls> apiCalls = session.metrics().byService();
            ScanInfo info = new ScanInfo(started, Instant.now(), identity.account(), identity.arn(), live.regions(),
                    templatePaths, apiCalls);
            // a live-capable rule the probes could not feed is "not evaluated" with the scan's reason, unless
            // --template judged it (then it is among the checks that ran)
            ScanResult result = ScanResult.of(info, findings, List.copyOf(checks.values()), evidence.get(),
                            live.notEvaluated())
                    .withResourceData(resourceData);
            reporting.diagnostics(diagnostics, result);
            reporting.progress(String.format("read %d resource(s) in %d region(s) with %d API call(s)%s: "
                            + "%d finding(s) in %d ms",
                    live.resources(), live.regions().size(), session.recorder().total(),
                    live.skipped().isEmpty() ? "" : " (" + live.skipped().size() + " region(s) skipped)",
                    findings.size(), (System.nanoTime() - t0) / 1_000_000));
            apiCalls.forEach((service, c) -> reporting.progress(String.format("  %s: %d call(s), %d retry(ies), "
                    + "%d throttled", service, c.calls(), c.retries(), c.throttles())));
            result = wafr.apply(result, review, identity.account(), reporting::progress);
            reporting.write(result, writers, out);
            int exit = reporting.exitCode(result, diagnostics);
            // a region asked for (or enabled) that could not be read leaves its checks out of the report: an
            // error even with --quiet, and exit 3 (2 still wins), so a skipped region never looks like a clean scan
            live.skipped().forEach((region, why) -> reporting.error("region " + region + " was not scanned: " + why));
            return live.skipped().isEmpty() || exit == ExitCodes.USAGE ? exit : ExitCodes.SCAN_ERROR;
        }
    }

    private static URI envEndpoint() {
        String env = System.getenv("AWS_ENDPOINT_URL");
        return env == null || env.isBlank() ? null : URI.create(env.trim());
    }

    /** "unknown region eu-wset-1 (did you mean eu-west-1?)"; {@code from} says where it was set unless --regions. */
    private static String unknownRegion(String region, String from) {
        List<String> near = Suggestions.closest(region, KnownRegions.ids());
        return "unknown region " + region + (from.equals("--regions") ? "" : " in " + from)
                + (near.isEmpty() ? ": not among the regions this cxscan knows (" + KnownRegions.ids().size()
                        + ", e.g. us-east-1, eu-west-1)" : " (did you mean " + Suggestions.join(near) + "?)");
    }

    private static boolean hasConfiguredRegion(String profile) {
        try {
            software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain.Builder b =
                    software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain.builder();
            if (profile != null) {
                b.profileName(profile);
            }
            return b.build().getRegion() != null;
        } catch (RuntimeException e) { // SdkClientException: no region configured
            return false;
        }
    }

    /** "3600", "3600s", "60m", "1h". */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            Duration d;
            try {
                if (v.endsWith("h")) {
                    d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("m")) {
                    d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("s")) {
                    d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
                } else {
                    d = Duration.ofSeconds(Long.parseLong(v));
                }
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 3600, 45m, 1h)");
            }
            if (d.toSeconds() < 900 || d.toSeconds() > 43200) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "': an assumed-role session lasts 15m to 12h (900 to 43200 seconds)");
            }
            return d;
        }
    }
}
