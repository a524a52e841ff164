package dev.cxscan.scanner.live;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * The region names the AWS SDK knows (every partition's, from its region metadata), so that a mistyped
 * {@code --regions} name is refused before any call: otherwise it surfaces as an unknown host for
 * sts.NAME.amazonaws.com, or, behind an emulator that answers any region, as a scan of a region that does not exist.
 */
public final class KnownRegions {
    private static final List<String> IDS = Region.regions().stream()
            .filter(r -> !r.isGlobalRegion()) // aws-global and the like are signing names, not regions to scan
            .map(Region::id).sorted().toList();
    private static final Set<String> SET = IDS.stream().collect(Collectors.toUnmodifiableSet());

    private KnownRegions() {
    }

    /** Every known region id, sorted. */
    public static List<String> ids() {
        return IDS;
    }

    public static boolean known(String id) {
        return SET.contains(id);
    }
}
