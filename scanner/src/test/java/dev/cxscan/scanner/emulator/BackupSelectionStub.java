package dev.cxscan.scanner.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Backup's selection API, which moto 5.2 does not serve (CreateBackupSelection, ListBackupSelections and
 * GetBackupSelection answer HTTP 500 there; plans are served): a {@link FaultProxy#serve} handler that keeps the
 * selections in memory, in the REST-JSON shapes AWS documents. The plans stay moto's.
 */
public final class BackupSelectionStub implements Function<AwsWireRequest, Optional<FaultProxy.Reply>> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SELECTIONS = Pattern.compile("/backup/plans/([^/?]+)/selections/?([^/?]*)/?(\\?.*)?");

    /** plan id -> selection id -> the BackupSelection as created. */
    private final Map<String, Map<String, JsonNode>> selections = new LinkedHashMap<>();

    @Override
    public synchronized Optional<FaultProxy.Reply> apply(AwsWireRequest request) {
        if (!request.service().equals("backup")) {
            return Optional.empty();
        }
        Matcher m = SELECTIONS.matcher(request.target());
        if (!m.matches()) {
            return Optional.empty();
        }
        String plan = m.group(1);
        String id = m.group(2);
        Map<String, JsonNode> ofPlan = selections.computeIfAbsent(plan, k -> new LinkedHashMap<>());
        ObjectNode out = JSON.createObjectNode();
        if (request.method().equals("PUT") && id.isEmpty()) {
            String created = UUID.randomUUID().toString();
            ofPlan.put(created, read(request.body()).path("BackupSelection"));
            out.put("SelectionId", created).put("BackupPlanId", plan).put("CreationDate", 1.7e9);
        } else if (request.method().equals("GET") && id.isEmpty()) {
            ArrayNode list = out.putArray("BackupSelectionsList");
            ofPlan.forEach((sid, sel) -> list.addObject().put("SelectionId", sid).put("BackupPlanId", plan)
                    .put("SelectionName", sel.path("SelectionName").asText())
                    .put("IamRoleArn", sel.path("IamRoleArn").asText()));
        } else if (request.method().equals("GET") && ofPlan.containsKey(id)) {
            out.put("SelectionId", id).put("BackupPlanId", plan).set("BackupSelection", ofPlan.get(id));
        } else {
            return Optional.of(new FaultProxy.Reply(404, "application/json",
                    "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no selection " + id + "\"}"));
        }
        return Optional.of(new FaultProxy.Reply(200, "application/json", out.toString()));
    }

    /** How many selections were created, for tests that check the seeding went through. */
    public synchronized int size() {
        return selections.values().stream().mapToInt(Map::size).sum();
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
