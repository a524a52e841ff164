package dev.cxscan.scanner.probes.efs;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import dev.cxscan.scanner.probes.backup.BackupProbe;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;

/** EFS of one region: DescribeFileSystems (paginator) as AWS::EFS::FileSystem (Encrypted, KmsKeyId, FileSystemTags). */
public final class EfsProbe implements Probe {
    private static final List<String> EFS_CHECKS = ProbeSupport.concat(List.of("efs_encrypted"), BackupProbe.CHECKS);

    @Override
    public String service() {
        return "efs";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::EFS::FileSystem");
    }

    @Override
    public List<String> iamActions() {
        return List.of("elasticfilesystem:DescribeFileSystems");
    }

    @Override
    public void read(ProbeContext c) {
        EfsClient efs = c.clients().client(EfsClient.class, c.region());
        String region = c.region().id();
        ProbeSupport.call(c, "efs", "elasticfilesystem:DescribeFileSystems", region, EFS_CHECKS,
                () -> efs.describeFileSystemsPaginator(b -> { }).fileSystems().stream().map(f -> fileSystem(f, region)).toList())
                .ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
    }

    static Resource fileSystem(FileSystemDescription f, String region) {
        ObjectNode p = obj();
        put(p, "Encrypted", f.encrypted());
        put(p, "KmsKeyId", f.kmsKeyId());
        put(p, "PerformanceMode", f.performanceModeAsString());
        p.set("FileSystemTags", ProbeSupport.tags(f.tags(), t -> t.key(), t -> t.value()));
        return Resource.live("AWS::EFS::FileSystem", f.fileSystemId(), f.fileSystemArn(), region, p);
    }
}
