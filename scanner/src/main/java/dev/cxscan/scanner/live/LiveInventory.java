package dev.cxscan.scanner.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.ResourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the probes of one account scan read: resources in CloudFormation shape (by region;
 * global ones under {@link #GLOBAL}), account facts (API answers the live-only checks judge,
 * e.g. "iam:GetAccountSummary"), and errors. Thread-safe: probes of several regions write at once.
 */
public final class LiveInventory {
    /** Region key of global resources and facts (IAM, account). */
    public static final String GLOBAL = "global";

    private final Map<String, List<Resource>> resources = new LinkedHashMap<>();
    private final Map<String, JsonNode> facts = new LinkedHashMap<>();
    private final List<ProbeError> errors = new ArrayList<>();

    /** Records a resource (built with {@link Resource#live}); {@code region} null or GLOBAL for global ones. */
    public synchronized void add(String region, Resource resource) {
        resources.computeIfAbsent(region == null ? GLOBAL : region, r -> new ArrayList<>()).add(resource);
    }

    /** Records an account fact under a key such as "iam:GetAccountSummary" or "ec2:GetEbsEncryptionByDefault@eu-west-1". */
    public synchronized void fact(String key, JsonNode value) {
        facts.put(key, value);
    }

    public synchronized void error(ProbeError error) {
        errors.add(error);
    }

    /**
     * Adds everything {@code part} holds after what this inventory holds: resources in their order, facts (a key
     * already present is replaced), errors. A scan merges its parts in a fixed order, so its inventory does not
     * depend on which part finished first. A resource already recorded at the same location (type, id, ARN,
     * region) is kept once, as first recorded: parts are read independently (and may be reused from an earlier
     * run), so several may see one resource, e.g. a multi-region trail that DescribeTrails lists in every region.
     */
    public void addAll(LiveInventory part) {
        Map<String, List<Resource>> theirResources = part.resourcesByRegion();
        Map<String, JsonNode> theirFacts = new TreeMap<>(part.facts());
        List<ProbeError> theirErrors = part.errors();
        synchronized (this) {
            theirResources.forEach((region, list) -> {
                Set<ResourceRef> known = new HashSet<>();
                resources.getOrDefault(region, List.of()).forEach(r -> known.add(r.location()));
                list.stream().filter(r -> !known.contains(r.location())).forEach(r -> add(region, r));
            });
            facts.putAll(theirFacts);
            errors.addAll(theirErrors);
        }
    }

    public synchronized Map<String, List<Resource>> resourcesByRegion() {
        Map<String, List<Resource>> copy = new LinkedHashMap<>();
        resources.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    public synchronized Optional<JsonNode> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    public synchronized Map<String, JsonNode> facts() {
        return Map.copyOf(facts);
    }

    public synchronized List<ProbeError> errors() {
        return List.copyOf(errors);
    }
}
