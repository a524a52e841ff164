package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Finding;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Base of the checks that read the IAM credential report: rows, flags, dates ("N/A", "no_information" are no
 * date). The checks of IAM users give one finding per user row (resource AWS::IAM::User, see {@link IamUserRefs});
 * the root row's findings stay account-level.
 */
abstract class CredentialReportCheck implements LiveCheck {
    static final long DAYS = 90;
    protected final Clock clock;

    CredentialReportCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public final List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Optional<JsonNode> report = inventory.fact(IamProbe.CREDENTIAL_REPORT);
        if (report.isEmpty()) {
            List<Finding> errors = LiveChecks.errorFindings(check(), inventory, accountId);
            return errors.isEmpty() ? List.of(LiveChecks.noData(check(), accountId, null, "the IAM credential report")) : errors;
        }
        List<JsonNode> rows = new ArrayList<>();
        report.get().path("Rows").forEach(rows::add);
        return judge(rows, accountId, IamUserRefs.of(inventory));
    }

    abstract List<Finding> judge(List<JsonNode> rows, String accountId, IamUserRefs users);

    /** The finding resource of a user row (its name, its ARN). */
    static dev.cxscan.reports.ResourceRef userRef(JsonNode row, IamUserRefs users) {
        return users.user(row.path("user").asText(), row.path("arn").asText(null));
    }

    /** A "true" / "false" column; empty for any other value, which the report never should hold. */
    static Optional<Boolean> flag(JsonNode row, String column) {
        String t = row.path(column).asText("").trim();
        if (t.equalsIgnoreCase("true")) {
            return Optional.of(true);
        }
        return t.equalsIgnoreCase("false") ? Optional.of(false) : Optional.empty();
    }

    static boolean isRoot(JsonNode row) {
        return CredentialReport.ROOT.equals(row.path("user").asText());
    }

    static boolean yes(JsonNode row, String column) {
        return row.path(column).asText("").equalsIgnoreCase("true");
    }

    /** The date in a column, empty for N/A, no_information, not_supported or blank. */
    static Optional<Instant> date(JsonNode row, String column) {
        String t = row.path(column).asText("").trim();
        if (t.isEmpty() || t.equalsIgnoreCase("N/A") || t.equalsIgnoreCase("no_information") || t.equalsIgnoreCase("not_supported")) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(t));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    long daysAgo(Instant t) {
        return java.time.Duration.between(t, clock.instant()).toDays();
    }

}
