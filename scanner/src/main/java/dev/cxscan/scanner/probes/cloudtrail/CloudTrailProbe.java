package dev.cxscan.scanner.probes.cloudtrail;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * CloudTrail of one region. DescribeTrails with includeShadowTrails shows, in every region, the
 * multi-region and organization trails too; each trail is read once per scan, by the part of one
 * region only ({@link #reader}: its home region when the scan covers it, else the first scanned region
 * by name), so that no part depends on another (each part of a scan is saved and resumed on its own)
 * and a trail costs two calls however many regions list it. That part records it (with the fact
 * {@value #TRAIL_FACT}ARN) as an AWS::CloudTrail::Trail of its home region, with IsLogging from
 * GetTrailStatus and EventSelectors / AdvancedEventSelectors from GetEventSelectors, both asked in the
 * trail's home region by ARN (which is how a member account reads an organization trail). The trail's
 * S3BucketName is the bucket name, which the rules follow to the S3 probe's bucket.
 *
 * <p>Event history: LookupEvents over the last 90 days with ReadOnly=false (at most
 * {@code maxEventPages} pages of 50), counted in {@link ConsoleWrites}, as the fact {@value #LOOKUP_FACT}@region.
 */
public final class CloudTrailProbe implements Probe {
    public static final String TRAIL_FACT = "cloudtrail:Trail:";
    public static final String LOOKUP_FACT = "cloudtrail:LookupEvents";
    public static final String DESCRIBE_FACT = "cloudtrail:DescribeTrails";

    static final List<String> TRAIL_CHECKS = List.of("cloudtrail_multi_region_logging", "cloudtrail_management_events",
            "cloudtrail_log_file_validation", "cloudtrail_kms_encrypted", "cloudtrail_bucket_dedicated",
            "cloudtrail_bucket_protected", "cloudtrail_bucket_not_public", "cloudtrail_cloudwatch_logs");

    private final int maxEventPages;
    private final Duration history;

    public CloudTrailProbe() {
        this(200, Duration.ofDays(90));
    }

    public CloudTrailProbe(int maxEventPages, Duration history) {
        this.maxEventPages = maxEventPages;
        this.history = history;
    }

    @Override
    public String service() {
        return "cloudtrail";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::CloudTrail::Trail");
    }

    @Override
    public List<String> iamActions() {
        return List.of("cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors",
                "cloudtrail:LookupEvents");
    }

    @Override
    public void read(ProbeContext c) {
        String region = c.region().id();
        CloudTrailClient ct = c.clients().client(CloudTrailClient.class, c.region());
        Optional<List<Trail>> trails = call(c, region, "cloudtrail:DescribeTrails", TRAIL_CHECKS,
                () -> ct.describeTrails(b -> b.includeShadowTrails(true)).trailList());
        trails.ifPresent(list -> {
            ArrayNode seen = ProbeSupport.arr();
            list.forEach(t -> seen.add(t.trailARN()));
            c.inventory().fact(DESCRIBE_FACT + "@" + region, obj().set("TrailARNs", seen));
        });
        for (Trail t : trails.orElse(List.of())) {
            String home = t.homeRegion() == null ? region : t.homeRegion();
            if (reader(home, c.scanRegions()).equals(region) && c.inventory().fact(TRAIL_FACT + t.trailARN()).isEmpty()) {
                c.inventory().fact(TRAIL_FACT + t.trailARN(), ProbeSupport.toJson(t));
                c.inventory().add(home, trail(c, t, region));
            }
        }
        lookupEvents(c, ct, region);
    }

    /**
     * The scanned region whose part reads a trail homed in {@code home}: that region when scanned (the only one a
     * single-region trail is listed in), else the first scanned region by name, whatever the order they were given in.
     */
    static String reader(String home, List<Region> scanned) {
        List<String> ids = scanned.stream().map(Region::id).sorted().toList();
        return ids.contains(home) ? home : ids.get(0);
    }

    private Resource trail(ProbeContext c, Trail t, String seenIn) {
        String home = t.homeRegion() == null ? seenIn : t.homeRegion();
        CloudTrailClient ct = c.clients().client(CloudTrailClient.class, Region.of(home));
        ObjectNode p = obj();
        p.put("TrailName", t.name());
        put(p, "S3BucketName", t.s3BucketName());
        put(p, "S3KeyPrefix", t.s3KeyPrefix());
        put(p, "SnsTopicArn", t.snsTopicARN());
        put(p, "IsMultiRegionTrail", t.isMultiRegionTrail());
        put(p, "IncludeGlobalServiceEvents", t.includeGlobalServiceEvents());
        put(p, "EnableLogFileValidation", t.logFileValidationEnabled());
        put(p, "KMSKeyId", t.kmsKeyId());
        put(p, "CloudWatchLogsLogGroupArn", t.cloudWatchLogsLogGroupArn());
        put(p, "CloudWatchLogsRoleArn", t.cloudWatchLogsRoleArn());
        put(p, "IsOrganizationTrail", t.isOrganizationTrail());
        put(p, "HomeRegion", home);
        call(c, home, "cloudtrail:GetTrailStatus", List.of("cloudtrail_multi_region_logging", "cloudtrail_management_events"),
                () -> ct.getTrailStatus(b -> b.name(t.trailARN())).isLogging()).ifPresent(l -> p.put("IsLogging", l));
        call(c, home, "cloudtrail:GetEventSelectors", List.of("cloudtrail_management_events"),
                () -> ct.getEventSelectors(b -> b.trailName(t.trailARN()))).ifPresent(s -> selectors(p, s));
        return Resource.live("AWS::CloudTrail::Trail", t.name(), t.trailARN(), home, p);
    }

    static void selectors(ObjectNode p, GetEventSelectorsResponse s) {
        if (s.hasEventSelectors()) {
            ArrayNode a = p.putArray("EventSelectors");
            for (EventSelector e : s.eventSelectors()) {
                ObjectNode o = a.addObject();
                put(o, "ReadWriteType", e.readWriteTypeAsString());
                put(o, "IncludeManagementEvents", e.includeManagementEvents());
                ArrayNode dr = o.putArray("DataResources");
                e.dataResources().forEach(d -> dr.addObject().put("Type", d.type()).set("Values", ProbeSupport.strings(d.values())));
                o.set("ExcludeManagementEventSources", ProbeSupport.strings(e.excludeManagementEventSources()));
            }
        }
        if (s.hasAdvancedEventSelectors()) {
            ArrayNode a = p.putArray("AdvancedEventSelectors");
            for (AdvancedEventSelector e : s.advancedEventSelectors()) {
                ObjectNode o = a.addObject();
                put(o, "Name", e.name());
                ArrayNode fs = o.putArray("FieldSelectors");
                for (AdvancedFieldSelector f : e.fieldSelectors()) {
                    ObjectNode fo = fs.addObject();
                    fo.put("Field", f.field());
                    if (f.hasEqualsValue()) {
                        fo.set("Equals", ProbeSupport.strings(f.equalsValue()));
                    }
                    if (f.hasNotEquals()) {
                        fo.set("NotEquals", ProbeSupport.strings(f.notEquals()));
                    }
                    if (f.hasStartsWith()) {
                        fo.set("StartsWith", ProbeSupport.strings(f.startsWith()));
                    }
                    if (f.hasNotStartsWith()) {
                        fo.set("NotStartsWith", ProbeSupport.strings(f.notStartsWith()));
                    }
                }
            }
        }
    }

    private void lookupEvents(ProbeContext c, CloudTrailClient ct, String region) {
        call(c, region, "cloudtrail:LookupEvents", List.of("no_console_changes"), () -> {
            ConsoleWrites writes = new ConsoleWrites();
            int pages = 0;
            Instant end = Instant.now();
            var iterable = ct.lookupEventsPaginator(b -> b.startTime(end.minus(history)).endTime(end).maxResults(50)
                    .lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.READ_ONLY).attributeValue("false").build()));
            for (var page : iterable) {
                page.events().forEach(e -> writes.add(e.username(), e.eventName(), e.cloudTrailEvent()));
                if (++pages >= maxEventPages && page.nextToken() != null) {
                    writes.truncated();
                    break;
                }
            }
            return writes.toJson(history);
        }).ifPresent(j -> c.inventory().fact(LOOKUP_FACT + "@" + region, j));
    }

    private static <T> Optional<T> call(ProbeContext c, String region, String action, List<String> checks, Supplier<T> s) {
        return ProbeSupport.call(c, "cloudtrail", action, region, checks, s);
    }
}
