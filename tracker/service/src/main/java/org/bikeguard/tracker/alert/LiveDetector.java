package org.bikeguard.tracker.alert;

import java.util.List;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.ReadFlags;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.ingest.NewFrameListener;

/**
 * The ingest hook: per read, one allocation-free watch-list probe and a flag test; only a hit
 * (a watched tag, or a tamper flag) does more, and that is one lock per watched tag plus a queue
 * offer to the {@link AlarmHub}. The frame is then offered to the {@link PatternDetector}
 * (clone, silent) on its own thread. Reads stamped more than
 * {@link FrameApplier#MAX_FUTURE_MS} ahead of arrival are ignored, as the applier drops them.
 * Thread-safe; never blocks.
 */
final class LiveDetector implements NewFrameListener {

    private final WatchList watchList;
    private final Trails trails;
    private final SightingLimiter tamper;
    private final AlarmHub hub;
    private final PatternDetector patterns;

    LiveDetector(WatchList watchList, Trails trails, SightingLimiter tamper, AlarmHub hub, PatternDetector patterns) {
        this.watchList = watchList;
        this.trails = trails;
        this.tamper = tamper;
        this.hub = hub;
        this.patterns = patterns;
    }

    @Override
    public void onNewFrame(int stationIdx, Frame frame, long receivedAt) {
        long[] tags = frame.tags();
        long[] ts = frame.timestamps();
        byte[] flags = frame.flags();
        long limit = receivedAt + FrameApplier.MAX_FUTURE_MS;
        for (int i = 0; i < tags.length; i++) {
            long tag = tags[i];
            boolean watched = watchList.contains(tag);
            boolean tampered = (flags[i] & ReadFlags.TAMPER) != 0;
            if ((watched || tampered) && ts[i] <= limit) {
                hit(stationIdx, tag, ts[i], watched, tampered);
            }
        }
        patterns.offer(stationIdx, frame, receivedAt);
    }

    private void hit(int stationIdx, long tag, long ts, boolean watched, boolean tampered) {
        if (watched && trails.onRead(tag, stationIdx, ts)) {
            hub.raise(new AlarmCandidate(AlarmType.STOLEN, tag, stationIdx, ts, List.of()));
        }
        if (tampered && tamper.isNew(tag, stationIdx, ts)) {
            hub.raise(new AlarmCandidate(AlarmType.TAMPER, tag, stationIdx, ts, List.of()));
        }
    }
}
