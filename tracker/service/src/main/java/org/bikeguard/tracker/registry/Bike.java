package org.bikeguard.tracker.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A registered bike as stored. Immutable.
 *
 * @param id                bike id
 * @param ownerId           the current owner
 * @param tag               the tag fitted now (unsigned 64-bit), or null once deregistered
 * @param plate             canonical plate
 * @param frameNo           canonical frame number
 * @param motorNo           motor number, may be empty
 * @param batterySerial     battery serial, may be empty
 * @param brand             brand, may be empty
 * @param model             model, may be empty
 * @param colour            colour, may be empty
 * @param purchaseDate      Asia/Shanghai date of purchase
 * @param purchasePriceFen  purchase price in fen
 * @param status            {@code registered}, {@code stolen} (a theft case is open) or {@code deregistered}
 * @param certificateCode   the QR certificate code
 * @param installationPoint where the tag was fitted, or null
 * @param registeredAt      UTC
 * @param deregisteredAt    UTC, or null
 */
public record Bike(
        long id,
        long ownerId,
        Long tag,
        String plate,
        String frameNo,
        String motorNo,
        String batterySerial,
        String brand,
        String model,
        String colour,
        LocalDate purchaseDate,
        long purchasePriceFen,
        String status,
        String certificateCode,
        String installationPoint,
        Instant registeredAt,
        Instant deregisteredAt) {

    /** Bike statuses. */
    public static final String REGISTERED = "registered";

    public static final String STOLEN = "stolen";
    public static final String DEREGISTERED = "deregistered";

    /** Whether the bike is still in the registry (not deregistered). */
    public boolean live() {
        return !DEREGISTERED.equals(status);
    }
}
