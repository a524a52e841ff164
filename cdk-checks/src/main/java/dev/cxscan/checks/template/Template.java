package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import java.util.List;

/**
 * One loaded template: where it came from, its tree, and its resources with their locations.
 *
 * @param path      the file as found from the path given on the command line
 * @param stackName the stack artifact name for cdk.out input, else null
 */
public record Template(String path, String stackName, ObjectNode root, List<Resource> resources) {
    public Template {
        resources = List.copyOf(resources);
    }

    /** The resources as the scope rules evaluate (references resolve inside this template). */
    public ResourceSet resourceSet() {
        return new ResourceSet(path, false, resources);
    }
}
