package org.bikeguard.tracker.theft;

/**
 * What the theft-case workflow tells the live alarm side (the watch list): a confirmed case puts
 * the bike's current tag under watch; recovery or closure lifts it; a tag replaced on a bike with
 * a confirmed case moves the watch to the new tag. Implementations must be thread-safe; they are
 * called from worker threads after the case change has been committed, and may block briefly.
 */
public interface CaseEvents {

    /** A case was confirmed: watch {@code tag} (unsigned 64-bit) for case {@code caseId}. */
    void confirmed(long tag, long caseId, String caseNo, String plate);

    /** A confirmed case ended (recovered or closed): stop watching {@code tag}. */
    void ended(long tag, long caseId);

    /** The bike of a confirmed case got a new tag: stop watching the old, watch the new. */
    default void tagReplaced(long oldTag, long newTag, long caseId, String caseNo, String plate) {
        ended(oldTag, caseId);
        confirmed(newTag, caseId, caseNo, plate);
    }

    /** Does nothing (when no watch list is deployed). */
    CaseEvents NONE = new CaseEvents() {
        @Override
        public void confirmed(long tag, long caseId, String caseNo, String plate) {}

        @Override
        public void ended(long tag, long caseId) {}
    };
}
