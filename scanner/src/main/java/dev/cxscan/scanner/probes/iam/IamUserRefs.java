package dev.cxscan.scanner.probes.iam;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.scanner.live.LiveInventory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a per-user finding of a live IAM check points: the AWS::IAM::User the IAM probe read from
 * GetAccountAuthorizationDetails (the very reference the rules' findings on that user carry, so a user's
 * rows group together), or, for a user only the credential report names, one built from its name and ARN.
 */
final class IamUserRefs {
    static final String USER = "AWS::IAM::User";

    private final Map<String, ResourceRef> byName = new HashMap<>();

    private IamUserRefs() {
    }

    static IamUserRefs of(LiveInventory inventory) {
        IamUserRefs refs = new IamUserRefs();
        for (List<Resource> list : inventory.resourcesByRegion().values()) {
            for (Resource r : list) {
                if (r.type().equals(USER)) {
                    refs.byName.putIfAbsent(r.id(), r.location());
                }
            }
        }
        return refs;
    }

    ResourceRef user(String name, String arn) {
        ResourceRef read = byName.get(name);
        return read != null ? read : ResourceRef.live(USER, name, arn == null || arn.isBlank() ? null : arn, null);
    }
}
