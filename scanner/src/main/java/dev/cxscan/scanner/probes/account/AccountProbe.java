package dev.cxscan.scanner.probes.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.ProbeError;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContact;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.ResourceNotFoundException;

/**
 * Account settings, global: GetAlternateContact for SECURITY, OPERATIONS and BILLING, as the fact
 * {@value #FACT}: {"SECURITY": {"Name", "EmailAddress", "PhoneNumber", "Title"} or null when not set
 * (ResourceNotFound is the answer "not set", not an error), ...}. The fact is written only when all
 * three were read.
 */
public final class AccountProbe implements Probe {
    public static final String FACT = "account:AlternateContacts";

    @Override
    public String service() {
        return "account";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public List<String> iamActions() {
        return List.of("account:GetAlternateContact");
    }

    @Override
    public void read(ProbeContext c) {
        AccountClient account = c.clients().client(AccountClient.class, c.region() == null ? Region.US_EAST_1 : c.region());
        ObjectNode contacts = ProbeSupport.obj();
        for (AlternateContactType type : List.of(AlternateContactType.SECURITY, AlternateContactType.OPERATIONS,
                AlternateContactType.BILLING)) {
            try {
                AlternateContact contact = account.getAlternateContact(b -> b.alternateContactType(type)).alternateContact();
                ObjectNode o = contacts.putObject(type.toString());
                ProbeSupport.put(o, "Name", contact.name());
                ProbeSupport.put(o, "EmailAddress", contact.emailAddress());
                ProbeSupport.put(o, "PhoneNumber", contact.phoneNumber());
                ProbeSupport.put(o, "Title", contact.title());
            } catch (ResourceNotFoundException e) {
                contacts.putNull(type.toString());
            } catch (RuntimeException e) {
                c.inventory().error(new ProbeError("account", "account:GetAlternateContact", ProbeSupport.errorCode(e),
                        type + ": " + e.getMessage(), null, List.of("account_alternate_contacts")));
                return;
            }
        }
        c.inventory().fact(FACT, contacts);
    }
}
