package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of one scope (one template, or one account and region) with reference lookups.
 * Template references are Ref / Fn::GetAtt / Fn::Sub by logical id; live references are ARNs,
 * names or ids as the APIs return them.
 */
public final class ResourceSet implements RuleContext {
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!.]+)(?:\\.[^}]*)?}");

    private final String name;
    private final boolean live;
    private final List<Resource> resources;
    private final Map<String, Resource> byId = new HashMap<>();
    private final Map<String, List<Resource>> byType = new HashMap<>();
    private Map<String, List<Resource>> referrers;

    /**
     * @param name      what the scope is, for messages: a template path or "account/region"
     * @param live      true for live scans
     * @param resources the resources, in document order
     */
    public ResourceSet(String name, boolean live, List<Resource> resources) {
        this.name = name;
        this.live = live;
        this.resources = List.copyOf(resources);
        for (Resource r : this.resources) {
            byId.putIfAbsent(r.id(), r);
            if (r.location().arn() != null) {
                byId.putIfAbsent(r.location().arn(), r);
            }
            byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r);
        }
    }

    public String name() {
        return name;
    }

    public List<Resource> resources() {
        return resources;
    }

    public Optional<Resource> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Resource> resourcesOfType(String type) {
        return Collections.unmodifiableList(byType.getOrDefault(type, List.of()));
    }

    @Override
    public boolean isLive() {
        return live;
    }

    @Override
    public Optional<Resource> resolveReference(JsonNode value) {
        if (Values.isAbsent(value)) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return resolveText(value.textValue());
        }
        Set<String> ids = new LinkedHashSet<>();
        collectReferences(value, ids);
        List<Resource> found = new ArrayList<>();
        for (String id : ids) {
            Resource r = byId.get(id);
            if (r != null && !found.contains(r)) {
                found.add(r);
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private Optional<Resource> resolveText(String text) {
        Resource r = byId.get(text);
        if (r != null) {
            return Optional.of(r);
        }
        if (!live) {
            // GetAtt shorthand "Bucket.Arn" as written in YAML !GetAtt
            int dot = text.indexOf('.');
            return dot > 0 ? Optional.ofNullable(byId.get(text.substring(0, dot))) : Optional.empty();
        }
        if (text.startsWith("arn:")) {
            int cut = Math.max(text.lastIndexOf(':'), text.lastIndexOf('/'));
            String tail = text.substring(cut + 1);
            return Optional.ofNullable(byId.get(tail));
        }
        return Optional.empty();
    }

    @Override
    public List<Resource> referencesTo(Resource target) {
        if (referrers == null) {
            referrers = buildReferrerIndex();
        }
        List<Resource> out = new ArrayList<>(referrers.getOrDefault(target.id(), List.of()));
        if (target.location().arn() != null) {
            for (Resource r : referrers.getOrDefault(target.location().arn(), List.of())) {
                if (!out.contains(r)) {
                    out.add(r);
                }
            }
        }
        out.remove(target);
        return out;
    }

    private Map<String, List<Resource>> buildReferrerIndex() {
        Map<String, List<Resource>> index = new LinkedHashMap<>();
        for (Resource r : resources) {
            Set<String> ids = new LinkedHashSet<>();
            collectReferences(r.properties(), ids);
            if (live) {
                collectTexts(r.properties(), ids);
            }
            for (String id : ids) {
                if (byId.containsKey(id)) {
                    index.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
                }
            }
        }
        return index;
    }

    /** Logical ids named by Ref, Fn::GetAtt and Fn::Sub anywhere inside {@code node}. */
    public static void collectReferences(JsonNode node, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            if (node.size() == 1) {
                JsonNode ref = node.get("Ref");
                if (ref != null && ref.isTextual()) {
                    if (!ref.textValue().startsWith("AWS::")) {
                        out.add(ref.textValue());
                    }
                    return;
                }
                JsonNode getAtt = node.get("Fn::GetAtt");
                if (getAtt != null) {
                    if (getAtt.isArray() && getAtt.size() > 0 && getAtt.get(0).isTextual()) {
                        out.add(getAtt.get(0).textValue());
                        return;
                    }
                    if (getAtt.isTextual()) {
                        String t = getAtt.textValue();
                        int dot = t.indexOf('.');
                        out.add(dot > 0 ? t.substring(0, dot) : t);
                        return;
                    }
                }
                JsonNode sub = node.get("Fn::Sub");
                if (sub != null) {
                    JsonNode pattern = sub.isArray() && sub.size() > 0 ? sub.get(0) : sub;
                    if (pattern.isTextual()) {
                        Matcher m = SUB_VAR.matcher(pattern.textValue());
                        Set<String> local = new LinkedHashSet<>();
                        if (sub.isArray() && sub.size() > 1 && sub.get(1).isObject()) {
                            sub.get(1).fieldNames().forEachRemaining(local::add);
                            collectReferences(sub.get(1), out);
                        }
                        while (m.find()) {
                            String var = m.group(1);
                            if (!var.startsWith("AWS::") && !local.contains(var)) {
                                out.add(var);
                            }
                        }
                    }
                    return;
                }
            }
            node.elements().forEachRemaining(child -> collectReferences(child, out));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectReferences(child, out));
        }
    }

    private static void collectTexts(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collectTexts(child, out));
        }
    }
}
