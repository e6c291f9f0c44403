package org.bikeguard.tracker.alert;

import java.util.List;
import org.bikeguard.protocol.Frame;
import org.bikeguard.protocol.ReadFlags;
import org.bikeguard.tracker.ingest.FrameApplier;
import org.bikeguard.tracker.ingest.NewFrameListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest hook: per read, one allocation-free watch-list probe and a flag test; only a hit
 * (a watched tag, or a tamper flag) does more. A watched tag takes one lock and a queue offer to
 * the {@link AlarmHub}, on this member (the {@code stolen} path stays local and fast). A tamper
 * flag asks the cluster-wide {@link TamperSightings} asynchronously whether the read starts a new
 * (tag, station) sighting, and raises when it does (or when the question fails: a duplicate
 * tamper alarm is better than a lost one). The frame is then offered to the
 * {@link PatternDetector} (clone, silent), which forwards the reads of tags other members own.
 * Reads stamped more than {@link FrameApplier#MAX_FUTURE_MS} ahead of arrival are ignored, as the
 * applier drops them. Thread-safe; never blocks.
 */
final class LiveDetector implements NewFrameListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveDetector.class);

    private final WatchList watchList;
    private final Trails trails;
    private final TamperSightings tamper;
    private final AlarmHub hub;
    private final PatternDetector patterns;

    LiveDetector(WatchList watchList, Trails trails, TamperSightings tamper, AlarmHub hub, PatternDetector patterns) {
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
        if (tampered) {
            AlarmCandidate c = new AlarmCandidate(AlarmType.TAMPER, tag, stationIdx, ts, List.of());
            try {
                tamper.isNew(tag, stationIdx, ts).whenComplete((fresh, failure) -> {
                    if (failure != null) {
                        tamperUnchecked(c, failure);
                    } else if (Boolean.TRUE.equals(fresh)) {
                        hub.raise(c);
                    }
                });
            } catch (RuntimeException e) {
                tamperUnchecked(c, e);
            }
        }
    }

    private void tamperUnchecked(AlarmCandidate c, Throwable failure) {
        LOG.warn(
                "tamper sighting not checked, raising [tag: {}, error: {}]",
                Long.toHexString(c.tag()),
                failure.toString());
        hub.raise(c);
    }
}
