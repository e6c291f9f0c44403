package org.bikeguard.tracker.registry;

import java.time.LocalDate;

/**
 * A validated registration of a bike by installation staff. Immutable.
 *
 * @param ownerId           the registered owner
 * @param tag               the tag being fitted (unsigned 64-bit)
 * @param plate             canonical plate
 * @param frameNo           canonical frame number
 * @param motorNo           canonical motor number or empty
 * @param batterySerial     canonical battery serial or empty
 * @param brand             brand or empty (at most 64 characters)
 * @param model             model or empty
 * @param colour            colour or empty
 * @param purchaseDate      Asia/Shanghai date, not after today
 * @param purchasePriceFen  fen, 0..100,000,000 (one million yuan)
 * @param installationPoint installation point id or null
 */
public record BikeInput(
        long ownerId,
        long tag,
        String plate,
        String frameNo,
        String motorNo,
        String batterySerial,
        String brand,
        String model,
        String colour,
        LocalDate purchaseDate,
        long purchasePriceFen,
        String installationPoint) {

    /** Highest accepted purchase price (one million yuan), in fen. */
    public static final long MAX_PRICE_FEN = 100_000_000L;

    public BikeInput {
        plate = Values.plate(plate);
        frameNo = Values.frameNo(frameNo);
        motorNo = Values.optionalIdentifier(motorNo, "motorNo");
        batterySerial = Values.optionalIdentifier(batterySerial, "batterySerial");
        brand = Values.optional(brand, "brand", 64);
        model = Values.optional(model, "model", 64);
        colour = Values.optional(colour, "colour", 32);
        if (purchaseDate == null) {
            throw RegistryException.invalid("purchaseDate", "is required (yyyy-MM-dd, Asia/Shanghai)");
        }
        if (purchasePriceFen < 0 || purchasePriceFen > MAX_PRICE_FEN) {
            throw RegistryException.invalid("purchasePriceFen", "must be 0.." + MAX_PRICE_FEN + " fen");
        }
        installationPoint = installationPoint == null || installationPoint.isBlank() ? null : installationPoint.trim();
    }

    /** Checks that the purchase date is not after {@code today} (Asia/Shanghai). */
    public BikeInput notAfter(LocalDate today) {
        if (purchaseDate.isAfter(today)) {
            throw RegistryException.invalid("purchaseDate", "must not be in the future");
        }
        return this;
    }
}
