package org.bikeguard.tracker.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.bikeguard.tracker.ingest.FrameApplier;

/**
 * What each member has applied, shared through the map {@value #MAP_NAME}: per member (key: its
 * uuid) its lane, the position up to which its lane's frames are applied and its station clocks.
 * The leader also keeps the merge of every member's clocks there (key {@value #MERGED}), so that
 * a new leader knows when every station was last heard, even by members gone since. Values are
 * plain byte arrays (no serializer to register). Thread-safe.
 */
public final class MemberProgress {

    static final String MAP_NAME = "bikeguard.member-progress";
    static final String MERGED = "merged";

    /**
     * One member's report.
     *
     * @param lane     its frame-log lane (-1 in the merged entry)
     * @param applied  what it had applied when it reported
     */
    public record Report(int lane, FrameApplier.Applied applied) {}

    private final IMap<String, byte[]> map;

    public MemberProgress(HazelcastInstance hz) {
        this.map = hz.getMap(MAP_NAME);
    }

    /** Publishes a member's report (replacing its previous one). */
    public void publish(String member, Report report) {
        map.set(member, encode(report));
    }

    /** Every member's last report (members gone included), without the merged entry. */
    public Map<String, Report> reports() {
        Map<String, Report> out = new HashMap<>();
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            if (!MERGED.equals(e.getKey())) {
                out.put(e.getKey(), decode(e.getValue()));
            }
        }
        return out;
    }

    /** The merged clocks the last leader kept, or null. */
    public Report merged() {
        byte[] v = map.get(MERGED);
        return v == null ? null : decode(v);
    }

    /** Stores the merged clocks. */
    public void publishMerged(FrameApplier.Applied clocks) {
        map.set(MERGED, encode(new Report(-1, clocks)));
    }

    /** Forgets a member's report (after its clocks were merged and its lane retired). */
    public void forget(String member) {
        map.delete(member);
    }

    static byte[] encode(Report r) {
        long[] newest = r.applied().newest();
        long[] arrivals = r.applied().lastArrivals();
        ByteBuffer buf = ByteBuffer.allocate(4 + 8 + 4 + 16 * newest.length);
        buf.putInt(r.lane()).putLong(r.applied().position()).putInt(newest.length);
        for (int i = 0; i < newest.length; i++) {
            buf.putLong(newest[i]).putLong(i < arrivals.length ? arrivals[i] : Long.MIN_VALUE);
        }
        return buf.array();
    }

    static Report decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int lane = buf.getInt();
        long position = buf.getLong();
        int n = buf.getInt();
        long[] newest = new long[n];
        long[] arrivals = new long[n];
        for (int i = 0; i < n; i++) {
            newest[i] = buf.getLong();
            arrivals[i] = buf.getLong();
        }
        return new Report(lane, new FrameApplier.Applied(position, newest, arrivals));
    }
}
