package org.bikeguard.tracker.station;

/**
 * An import input that cannot be used; nothing of it is written. The message starts with the
 * location ({@code "line 7: ..."} or {@code "feature 3: ..."}).
 */
public final class StationImportException extends StationValidationException {

    private final String location;

    /**
     * @param location where the problem is ({@code "line 7"}, {@code "feature 3"}, {@code "document"})
     * @param problem  what is wrong there
     */
    public StationImportException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    /** Where the problem is, e.g. {@code "line 7"}. */
    public String location() {
        return location;
    }
}
