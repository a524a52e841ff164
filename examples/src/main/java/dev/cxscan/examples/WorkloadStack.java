package dev.cxscan.examples;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** One customer example: network, API tier, data tier, audit trail, monitoring, recovery, access. */
public final class WorkloadStack extends Stack {
    public WorkloadStack(Construct scope, String id, StackProps props, Posture posture) {
        super(scope, id, props);
        Network network = new Network(this, "Network", posture);
        Encryption encryption = new Encryption(this, "Encryption", posture);
        AuditTrail audit = new AuditTrail(this, "Audit", posture, encryption);
        ApiTier api = new ApiTier(this, "Api", posture, network, audit);
        DataTier data = new DataTier(this, "Data", posture, network, encryption, audit, api);
        new Monitoring(this, "Monitoring", posture, encryption, api, data);
        new Recovery(this, "Recovery", posture, encryption, data);
        new Access(this, "Access", posture);
        new Cdn(this, "Cdn", posture, api);
    }
}
