package org.bikeguard.tracker.station;

/** A station or station input that breaks a rule; the message says which field and why. */
public class StationValidationException extends IllegalArgumentException {

    /** @param message what is wrong, naming the field (and the line or feature when imported) */
    public StationValidationException(String message) {
        super(message);
    }
}
