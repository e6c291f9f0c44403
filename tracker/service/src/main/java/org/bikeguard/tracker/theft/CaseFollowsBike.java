package org.bikeguard.tracker.theft;

import java.util.Optional;
import org.bikeguard.protocol.TagIds;
import org.bikeguard.tracker.registry.BikeChangeListener;
import org.bikeguard.tracker.registry.BikeChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a tag or plate change of a bike with a confirmed theft case, watches the new tag (and
 * plate) instead of the old. Blocking (JDBC, the watch list); thread-safe.
 */
public final class CaseFollowsBike implements BikeChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(CaseFollowsBike.class);

    private final TheftCases thefts;
    private final CaseEvents caseEvents;

    public CaseFollowsBike(TheftCases thefts, CaseEvents caseEvents) {
        this.thefts = thefts;
        this.caseEvents = caseEvents;
    }

    @Override
    public void tagOrPlateReplaced(BikeChanges.Change ch) {
        Optional<TheftCase> open = thefts.openOfBike(ch.after().id());
        if (open.isEmpty()
                || !TheftCase.CONFIRMED.equals(open.get().status())
                || ch.after().tag() == null) {
            return;
        }
        TheftCase t = open.get();
        Long oldTag = ch.before().tag();
        if (oldTag != null && !oldTag.equals(ch.after().tag())) {
            caseEvents.tagReplaced(
                    oldTag, ch.after().tag(), t.id(), t.caseNo(), ch.after().plate());
        } else {
            caseEvents.confirmed(
                    ch.after().tag(), t.id(), t.caseNo(), ch.after().plate());
        }
        LOG.info(
                "watch list follows the bike of a confirmed case [bike: {}, case: {}, tag: {}]",
                ch.after().id(),
                t.caseNo(),
                TagIds.format(ch.after().tag()));
    }
}
