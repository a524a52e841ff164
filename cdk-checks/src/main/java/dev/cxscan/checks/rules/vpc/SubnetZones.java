package dev.cxscan.checks.rules.vpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which Availability Zones a set of subnets (or an AvailabilityZones list) covers, shared by the
 * DOC-001 multi-AZ rules for VPCs, Auto Scaling groups and load balancers.
 * <p>
 * An AZ is read from a subnet's AvailabilityZone or AvailabilityZoneId, or from an entry of an
 * AvailabilityZones list, in one of three forms that can only be compared within their own kind:
 * a literal name ("us-east-1a"), CDK's env-agnostic {"Fn::Select": [i, {"Fn::GetAZs": ""}]}
 * (different i, same region argument = different AZ) and a zone id ("use1-az1"). Two AZs are
 * proven different only within one kind; "us-east-1a" next to index 1 of Fn::GetAZs could be the
 * same zone, so such a mix is unresolved rather than a pass. A whole {"Fn::GetAZs": ...} list
 * (classic templates: AvailabilityZones: !GetAZs '') is every AZ of the region and counts as
 * multi-AZ. Subnets are followed through Ref (templates) or subnet ids (live); a subnet not
 * declared in the scope (a literal subnet-... id in a template, a Ref to a parameter without
 * default, Fn::ImportValue) or one without an AZ (EC2 then chooses) is unresolved. Once two
 * different AZs are proven, unresolved entries no longer matter: they can only add AZs.
 */
public final class SubnetZones {
    private static final String NAME = "name";
    private static final String ID = "id";

    private final Map<String, Set<String>> byKind = new LinkedHashMap<>();
    private final Set<String> display = new LinkedHashSet<>();
    private final List<String> unresolved = new ArrayList<>();
    private boolean wholeRegion;
    private int entries;

    private SubnetZones() {
    }

    /** The AZs of subnets given as references (a VPCZoneIdentifier or Subnets list, or one intrinsic yielding a list). */
    public static SubnetZones ofSubnetReferences(JsonNode subnets, RuleContext context) {
        SubnetZones z = new SubnetZones();
        for (JsonNode ref : Values.list(subnets)) {
            z.entries++;
            Optional<Resource> subnet = context.resolveReference(ref);
            if (subnet.isEmpty() || !subnet.get().type().equals("AWS::EC2::Subnet")) {
                z.unresolved.add("subnet " + Values.describe(ref) + " (not a subnet declared in " + (context.isLive() ? "the scan" : "the template") + ")");
                continue;
            }
            z.addSubnet(subnet.get());
        }
        return z;
    }

    /** The AZs of subnet resources. */
    public static SubnetZones ofSubnets(List<Resource> subnets) {
        SubnetZones z = new SubnetZones();
        for (Resource subnet : subnets) {
            z.entries++;
            z.addSubnet(subnet);
        }
        return z;
    }

    /** The AZs of an AvailabilityZones property: a list of names/Fn::Select entries, or a whole Fn::GetAZs. */
    public static SubnetZones ofZoneList(JsonNode zones) {
        SubnetZones z = new SubnetZones();
        if (zones != null && zones.isObject() && zones.size() == 1 && zones.has("Fn::GetAZs")) {
            z.entries++;
            z.wholeRegion = true;
            z.display.add("every AZ of the region (Fn::GetAZs)");
            return z;
        }
        for (JsonNode az : Values.list(zones)) {
            z.entries++;
            z.addZone(az, NAME, "AvailabilityZones entry");
        }
        return z;
    }

    private void addSubnet(Resource subnet) {
        JsonNode name = subnet.property("AvailabilityZone");
        JsonNode id = subnet.property("AvailabilityZoneId");
        if (Values.isSet(name)) {
            addZone(name, NAME, "AvailabilityZone of subnet " + subnet.id());
        } else if (Values.isSet(id)) {
            addZone(id, ID, "AvailabilityZoneId of subnet " + subnet.id());
        } else {
            unresolved.add("the AZ of subnet " + subnet.id() + " (no AvailabilityZone: EC2 chooses one)");
        }
    }

    private void addZone(JsonNode az, String literalKind, String what) {
        Optional<String> text = Values.text(az);
        if (text.isPresent() && !text.get().isBlank()) {
            String t = text.get().trim().toLowerCase(Locale.ROOT);
            byKind.computeIfAbsent(literalKind, k -> new LinkedHashSet<>()).add(t);
            display.add(t);
            return;
        }
        JsonNode select = az.isObject() && az.size() == 1 ? az.get("Fn::Select") : null;
        if (select != null && select.isArray() && select.size() == 2) {
            OptionalInt index = Values.integer(select.get(0));
            JsonNode list = select.get(1);
            JsonNode getAzs = list.isObject() && list.size() == 1 ? list.get("Fn::GetAZs") : null;
            if (index.isPresent() && getAzs != null) {
                String region = regionOf(getAzs);
                if (region != null) {
                    byKind.computeIfAbsent("index:" + region, k -> new LinkedHashSet<>()).add(String.valueOf(index.getAsInt()));
                    display.add("Fn::GetAZs" + (region.isEmpty() ? "" : "(" + region + ")") + "[" + index.getAsInt() + "]");
                    return;
                }
            }
        }
        unresolved.add(what + " (" + Values.describe(az) + ")");
    }

    /** "" for the stack's region, the literal region, or null when unknown. */
    private static String regionOf(JsonNode getAzs) {
        if (getAzs.isTextual()) {
            return getAzs.textValue().trim();
        }
        if (getAzs.isObject() && getAzs.size() == 1 && getAzs.has("Ref") && "AWS::Region".equals(getAzs.get("Ref").asText())) {
            return "";
        }
        return null;
    }

    /** How many different AZs are proven (within one kind of AZ value). */
    public int provenZones() {
        if (wholeRegion) {
            return Integer.MAX_VALUE;
        }
        return byKind.values().stream().mapToInt(Set::size).max().orElse(0);
    }

    public boolean multiAz() {
        return provenZones() >= 2;
    }

    /** How many subnets or AZ entries were looked at. */
    public int entries() {
        return entries;
    }

    public List<String> unresolved() {
        return List.copyOf(unresolved);
    }

    /** The AZs found, for messages. */
    public String zones() {
        return String.join(", ", display);
    }

    /**
     * PASS when 2+ AZs are proven, unresolved when an entry (or the comparison of different kinds
     * of AZ values) cannot be read, FAIL otherwise. {@code subject} says what spans the AZs, e.g.
     * "the 2 subnets of VPC Vpc8378EB38".
     */
    public Verdict verdict(String subject) {
        if (wholeRegion) {
            return Verdict.pass(subject + " span " + zones());
        }
        if (multiAz()) {
            return Verdict.pass(subject + " span " + provenZones() + " AZs (" + zones() + ")");
        }
        if (!unresolved.isEmpty()) {
            return Verdict.unresolved(String.join("; ", unresolved));
        }
        if (byKind.size() > 1) {
            return Verdict.unresolved("whether the AZs " + zones()
                    + " differ (AZ names, zone ids and Fn::GetAZs indexes cannot be compared)");
        }
        if (display.isEmpty()) {
            return Verdict.fail(subject + ": no AZ");
        }
        return Verdict.fail(subject + ": only one AZ (" + zones() + ")");
    }
}
