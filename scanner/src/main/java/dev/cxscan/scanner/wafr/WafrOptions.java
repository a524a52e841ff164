package dev.cxscan.scanner.wafr;

import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.wafr.WafrImport;
import dev.cxscan.reports.wafr.WafrReview;
import dev.cxscan.reports.wafr.WafrRules;
import dev.cxscan.scanner.live.ClientSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The {@code --wafr-*} options (picocli mixin) of the scan commands and {@code cxscan wafr show}: where the
 * Well-Architected review comes from and how old it may be. A scan command calls {@link #load} before
 * scanning (bad input fails fast, exit 2) and {@link #apply} on the result.
 *
 * <p>Which account the review must cover: an account scan passes the scanned account (STS); a template scan
 * scans no account, so the review counts only when {@code --wafr-account} says which account the templates
 * deploy to; the record then says the account was stated by the user, not observed.
 */
public final class WafrOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--wafr-file", paramLabel = "FILE",
            description = "A Well-Architected review as files (repeatable): the AWS CLI JSON of get-workload (or "
                    + "get-milestone), get-lens-review and list-answers (one file each, or one object holding all "
                    + "three), or an exportImportWAFR.py export. A PDF report is kept as evidence only and waives nothing.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--wafr-workload", paramLabel = "ID|ARN",
            description = "Read the review from the Well-Architected Tool API: the workload id or ARN.")
    String workload;

    @Option(names = "--wafr-lens", paramLabel = "ALIAS", defaultValue = "wellarchitected",
            description = "The lens whose answers waive controls. Default: ${DEFAULT-VALUE}.")
    String lens;

    @Option(names = "--wafr-milestone", paramLabel = "N",
            description = "Read this milestone (a frozen copy of the review) instead of the live review.")
    Integer milestone;

    @Option(names = "--wafr-profile", paramLabel = "PROFILE",
            description = "Credentials profile for the Well-Architected Tool, when the review lives in another account.")
    String profile;

    @Option(names = "--wafr-region", paramLabel = "REGION",
            description = "Region of the review. Default: the workload ARN's region, else the session's.")
    String region;

    @Option(names = "--wafr-max-age", paramLabel = "DAYS", defaultValue = "365",
            description = "Oldest review accepted, in days (milestone RecordedAt, else lens review UpdatedAt). "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxAgeDays;

    @Option(names = "--wafr-account", paramLabel = "ACCOUNT",
            description = "The account the review must cover, for template scans (they scan no account). "
                    + "Recorded as stated by the user.")
    String account;

    @Option(names = "--wafr-notes",
            description = "Also read the question and choice notes (GetAnswer per mapped question).")
    boolean notes;

    /** Set by the account command: the session's client settings (credentials, endpoint, guard, recorder, metrics). */
    private ClientSettings session = ClientSettings.NONE;
    private Clock clock = Clock.systemUTC();

    /** The imported review (null when only attachments were given) and its attachments. */
    public record Loaded(WafrReview review, List<WafrImport.Attachment> attachments, List<String> notes) {
    }

    /** True when a review source was given. */
    public boolean given() {
        return !files.isEmpty() || workload != null;
    }

    public int maxAgeDays() {
        return maxAgeDays;
    }

    public String statedAccount() {
        return account;
    }

    /**
     * What the API client is built with: an account scan's session settings for the Well-Architected Tool
     * ({@code AwsSession.clientSettings}), or just an endpoint ({@code wafr show --endpoint-url}). Its credentials
     * are used unless --wafr-profile is given; without an endpoint, AWS_ENDPOINT_URL(_WELLARCHITECTED) is honoured.
     */
    public WafrOptions session(ClientSettings settings) {
        this.session = settings == null ? ClientSettings.NONE : settings;
        return this;
    }

    /** For tests: the time review ages are measured at. */
    public WafrOptions clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The time review ages are measured at. */
    public Instant clockInstant() {
        return clock.instant();
    }

    /** Checks the options (usage errors exit 2). */
    public void validate() {
        if (!files.isEmpty() && workload != null) {
            throw usage("--wafr-file and --wafr-workload are alternatives: give one of them");
        }
        if (milestone != null && workload == null) {
            throw usage("--wafr-milestone needs --wafr-workload (files carry their milestone)");
        }
        if (milestone != null && (milestone < 1 || milestone > 100)) {
            throw usage("--wafr-milestone " + milestone + ": milestones are numbered 1 to 100");
        }
        if (maxAgeDays < 0) {
            throw usage("--wafr-max-age " + maxAgeDays + ": must be 0 or more days");
        }
        if ((profile != null || region != null) && workload == null) {
            throw usage("--wafr-profile and --wafr-region apply to --wafr-workload only");
        }
        if (account != null && !account.matches("\\d{12}")) {
            throw usage("--wafr-account '" + account + "' is not a 12-digit account id");
        }
        if (workload != null) {
            try {
                WafrApiImporter.WorkloadRef.parse(workload);
            } catch (IllegalArgumentException e) {
                throw usage("--wafr-workload " + e.getMessage());
            }
        }
    }

    /**
     * Reads the review: files (input errors become usage errors, exit 2) or the API (failures are
     * {@link WafrApiImporter.WafrApiException}). Null when no review source was given.
     */
    public Loaded load(Consumer<String> progress) {
        if (!given()) {
            return null;
        }
        validate();
        if (!files.isEmpty()) {
            try {
                WafrFileImporter.Result r = new WafrFileImporter(lens).read(files);
                r.notes().forEach(n -> progress.accept("wafr: " + n));
                return new Loaded(r.review(), r.attachments(), r.notes());
            } catch (WafrFileImporter.WafrInputException e) {
                throw usage(e.getMessage());
            }
        }
        WafrApiImporter.WorkloadRef ref = WafrApiImporter.WorkloadRef.parse(workload);
        ClientSettings settings = profile != null ? session.withCredentials(ProfileCredentialsProvider.create(profile))
                : session;
        if (settings.endpoint() == null) {
            settings = settings.withEndpoint(envEndpoint());
        }
        WafrApiImporter importer = new WafrApiImporter(new WafrApiImporter.Connection(region(ref), settings));
        progress.accept("wafr: reading workload " + ref.id() + " lens " + lens
                + (milestone == null ? "" : " milestone " + milestone) + " from the Well-Architected Tool");
        return new Loaded(importer.read(ref, lens, milestone, notes), List.of(), List.of());
    }

    /**
     * Applies a loaded review to a scan result.
     *
     * @param scannedAccount the account the scan observed, or null for a template scan (then --wafr-account)
     */
    public ScanResult apply(ScanResult result, Loaded loaded, String scannedAccount, Consumer<String> progress) {
        if (loaded == null) {
            return result;
        }
        WafrRules.Context ctx = context(scannedAccount);
        ScanResult out = WafrRules.apply(result, loaded.review(), ctx, loaded.attachments());
        progress.accept("wafr: " + out.wafr().review().get("summary"));
        out.controls().stream().filter(c -> c.waiver() != null && c.waiver().get("conflict") != null)
                .forEach(c -> progress.accept("wafr: " + c.id() + " not waived, conflict: " + c.waiver().get("conflict")));
        return out;
    }

    /** The rule context: the scanned account, else the stated one. */
    public WafrRules.Context context(String scannedAccount) {
        Instant now = clock.instant();
        if (scannedAccount != null) {
            return new WafrRules.Context(scannedAccount, "scanned account", now, maxAgeDays);
        }
        if (account != null) {
            return new WafrRules.Context(account, "stated with --wafr-account (template scan: no account scanned)",
                    now, maxAgeDays);
        }
        return new WafrRules.Context(null, "no account scanned and none stated with --wafr-account", now, maxAgeDays);
    }

    private Region region(WafrApiImporter.WorkloadRef ref) {
        if (region != null) {
            return Region.of(region);
        }
        if (ref.region() != null) {
            return Region.of(ref.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            throw usage("--wafr-workload " + workload + ": no region known (give --wafr-region, a workload ARN, "
                    + "or set AWS_REGION)");
        }
    }

    private static URI envEndpoint() {
        for (String name : List.of("AWS_ENDPOINT_URL_WELLARCHITECTED", "AWS_ENDPOINT_URL")) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                return URI.create(v.trim());
            }
        }
        return null;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
