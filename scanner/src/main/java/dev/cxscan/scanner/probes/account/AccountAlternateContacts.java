package dev.cxscan.scanner.probes.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ACCT-001: the SECURITY, OPERATIONS and BILLING alternate contacts are set with an email address.
 * A free-mail domain (gmail.com, outlook.com ...) does not fail the check, as CHECKS.md asks, but the
 * message names it: a personal mailbox is a weak contact for an organization.
 */
public final class AccountAlternateContacts implements LiveCheck {
    static final Check CHECK = Check.of("account_alternate_contacts",
            "The SECURITY, OPERATIONS and BILLING alternate contacts are set", Severity.MEDIUM, "ACCT-001",
            "Set the three alternate contacts (Account settings > Alternate contacts, or aws account put-alternate-contact) "
                    + "to team mailboxes on the organization's own domain.");

    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com",
            "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mail.com", "gmx.com", "gmx.net", "gmx.de", "web.de",
            "yandex.com", "yandex.ru", "protonmail.com", "proton.me", "zoho.com", "qq.com", "163.com", "126.com", "mail.ru");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Optional<JsonNode> contacts = inventory.fact(AccountProbe.FACT);
        if (contacts.isEmpty()) {
            List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
            return errors.isEmpty() ? List.of(LiveChecks.noData(CHECK, accountId, null, "account:GetAlternateContact")) : errors;
        }
        List<String> missing = new ArrayList<>();
        List<String> set = new ArrayList<>();
        List<String> freeMail = new ArrayList<>();
        for (String type : List.of("SECURITY", "OPERATIONS", "BILLING")) {
            JsonNode c = contacts.get().path(type);
            String email = c.path("EmailAddress").asText("");
            if (c.isMissingNode() || c.isNull() || email.isBlank()) {
                missing.add(type);
                continue;
            }
            set.add(type + " " + email);
            String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (FREE_MAIL.contains(domain)) {
                freeMail.add(type + " uses the free-mail domain " + domain);
            }
        }
        String note = freeMail.isEmpty() ? "" : "; note: " + String.join(", ", freeMail);
        if (!missing.isEmpty()) {
            return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null, "alternate contact(s) not set: "
                    + String.join(", ", missing) + note));
        }
        return List.of(LiveChecks.finding(CHECK, Status.PASS, accountId, null, "alternate contacts set: " + String.join(", ", set) + note));
    }
}
