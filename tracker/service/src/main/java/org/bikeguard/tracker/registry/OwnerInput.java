package org.bikeguard.tracker.registry;

import java.time.LocalDate;

/**
 * A validated request to register an owner. The compact constructor normalises and checks every
 * field and throws {@link RegistryException} (400) naming the field. Immutable.
 *
 * @param name        real name, 1..64 characters
 * @param idNumber    canonical ID number (validated, check digit included)
 * @param phone       mainland mobile number, also the login
 * @param password    the owner's initial password (checked by the account rules)
 * @param address     optional address (empty when none), at most 200 characters
 * @param residence   {@code owner} or {@code tenant}
 * @param homeStation optional station id (null when none)
 */
public record OwnerInput(
        String name,
        String idNumber,
        String phone,
        String password,
        String address,
        String residence,
        String homeStation) {

    /** Checks and normalises the raw values; {@code today} is the Asia/Shanghai date. */
    public static OwnerInput of(
            String name,
            String idNumber,
            String phone,
            String password,
            String address,
            String residence,
            String homeStation,
            LocalDate today) {
        String id;
        try {
            id = IdNumbers.canonical(idNumber, today);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(
                    RegistryException.Kind.INVALID, e.getMessage(), java.util.Map.of("field", "idNumber"));
        }
        String res = residence == null ? "owner" : residence;
        if (!res.equals("owner") && !res.equals("tenant")) {
            throw RegistryException.invalid("residence", "must be owner or tenant");
        }
        String home = homeStation == null || homeStation.isBlank() ? null : homeStation.trim();
        return new OwnerInput(
                Values.required(name, "name", 64),
                id,
                Values.phone(phone),
                password,
                Values.optional(address, "address", 200),
                res,
                home);
    }
}
