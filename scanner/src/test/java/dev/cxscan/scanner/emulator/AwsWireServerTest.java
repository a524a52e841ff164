package dev.cxscan.scanner.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.SessionConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/** The loopback server speaks the real wire formats: the SDK's own clients, through a session, read it. */
class AwsWireServerTest {
    @Test
    void cloudTrailLookupEventsPagesThroughTheSdkPaginator() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            events.add(AwsWireServer.cloudTrailEvent("alice", i % 2 == 0 ? "RunInstances" : "DescribeInstances",
                    "ec2.amazonaws.com", now.minusSeconds(i * 60L), i % 2 != 0, i % 4 == 0));
        }
        try (AwsWireServer wire = AwsWireServer.start().cloudTrailEvents(events, 25);
             AwsSession s = new AwsSession(SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                     .withEndpointOverrides(Map.of("cloudtrail", wire.endpoint())), Region.EU_WEST_1)) {
            CloudTrailClient ct = s.client(CloudTrailClient.class, Region.EU_WEST_1);
            List<Event> writes = ct.lookupEventsPaginator(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.READ_ONLY).attributeValue("false"))).events().stream().toList();
            assertEquals(60, writes.size());
            assertEquals("RunInstances", writes.get(0).eventName());
            assertEquals(now, writes.get(0).eventTime());
            assertTrue(writes.get(0).cloudTrailEvent().contains("\"sessionCredentialFromConsole\":\"true\""));
            assertEquals(List.of("LookupEvents", "LookupEvents", "LookupEvents"), wire.requests());
            assertEquals(3L, s.recorder().calls().get("cloudtrail:LookupEvents"));
        }
    }

    @Test
    void accountContactsAnswerAndMissingOnesAreNotFound() throws Exception {
        try (AwsWireServer wire = AwsWireServer.start()
                .alternateContacts(Map.of("SECURITY", AwsWireServer.contact("Sec", "sec@example.com", "+1", "CISO")))
                .contactInformation(AwsWireServer.contact("Ops", "ops@example.com", "+1 555 0100", "Ops")
                        .put("FullName", "Example Corp").put("AddressLine1", "1 Main St").put("City", "Seattle")
                        .put("CountryCode", "US").put("PostalCode", "98101"));
             AwsSession s = new AwsSession(SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                     .withEndpointOverrides(Map.of("account", wire.endpoint())), Region.US_EAST_1)) {
            AccountClient account = s.client(AccountClient.class, Region.US_EAST_1);
            assertEquals("sec@example.com", account.getAlternateContact(r -> r
                    .alternateContactType(AlternateContactType.SECURITY)).alternateContact().emailAddress());
            assertThrows(ResourceNotFoundException.class, () -> account.getAlternateContact(r -> r
                    .alternateContactType(AlternateContactType.BILLING)));
            assertEquals("Example Corp", account.getContactInformation(r -> { }).contactInformation().fullName());
            assertEquals(List.of("/getAlternateContact", "/getAlternateContact", "/getContactInformation"), wire.requests());
        }
    }
}
