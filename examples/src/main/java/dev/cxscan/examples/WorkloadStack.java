package dev.cxscan.examples;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * One customer example: network, API tier, data tier, search index, models, audit trail,
 * monitoring, recovery, access, CDN.
 */
public final class WorkloadStack extends Stack {
    public WorkloadStack(Construct scope, String id, StackProps props, Posture posture) {
        super(scope, id, props);
        Encryption encryption = new Encryption(this, "Encryption", posture);
        Network network = new Network(this, "Network", posture, encryption);
        AuditTrail audit = new AuditTrail(this, "Audit", posture, encryption);
        ApiTier api = new ApiTier(this, "Api", posture, network, audit);
        DataTier data = new DataTier(this, "Data", posture, network, encryption, audit, api);
        new SearchIndex(this, "Search", posture, network, encryption);
        new Inference(this, "Inference", posture, encryption);
        new Monitoring(this, "Monitoring", posture, encryption, api, data);
        new Recovery(this, "Recovery", posture, encryption, data);
        new Access(this, "Access", posture);
        new Cdn(this, "Cdn", posture, api);
    }
}
