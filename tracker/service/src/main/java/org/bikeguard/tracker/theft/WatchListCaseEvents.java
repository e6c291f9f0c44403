package org.bikeguard.tracker.theft;

import java.util.Objects;
import org.bikeguard.tracker.alert.WatchList;

/**
 * {@link CaseEvents} on the cluster-wide {@link WatchList}: a confirmed case watches the bike's
 * current tag, a recovered or closed one unwatches it. Blocking (the watch list writes to
 * PostgreSQL, then Hazelcast): call from worker threads. Thread-safe.
 */
public final class WatchListCaseEvents implements CaseEvents {

    private final WatchList watchList;

    public WatchListCaseEvents(WatchList watchList) {
        this.watchList = Objects.requireNonNull(watchList, "watchList");
    }

    @Override
    public void confirmed(long tag, long caseId, String caseNo, String plate) {
        watchList.watch(tag, caseId, caseNo, plate);
    }

    @Override
    public void ended(long tag, long caseId) {
        WatchList.Entry e = watchList.get(tag);
        // leave a tag alone that is watched for another case, or by hand without one
        if (e == null || Objects.equals(e.caseId(), caseId)) {
            watchList.unwatch(tag);
        }
    }
}
