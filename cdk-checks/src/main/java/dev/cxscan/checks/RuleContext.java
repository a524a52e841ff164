package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** What a rule may look at beyond the resource it judges: the other resources of the same scope. */
public interface RuleContext {
    /** All resources of a type in the same template (or account and region for live scans). */
    List<Resource> resourcesOfType(String type);

    /**
     * The resource a value points at: {"Ref": X}, {"Fn::GetAtt": [X, attr]}, "X.Attr" GetAtt
     * shorthand, a Fn::Join/Fn::Sub whose only resource reference is X, or (live) an ARN, name or id.
     */
    Optional<Resource> resolveReference(JsonNode value);

    /** Resources whose properties reference {@code target} anywhere (Ref, GetAtt, Sub, ARN, name). */
    List<Resource> referencesTo(Resource target);

    /** True for live account scans, false for templates. */
    boolean isLive();
}
