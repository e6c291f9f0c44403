package org.bikeguard.tracker.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered owner with the ID number in clear (decrypted for this object only: never log it,
 * and show it through {@link #idNumberMasked()} unless the caller's role needs it). Immutable.
 *
 * @param id          owner id
 * @param username    the login (the phone number when created)
 * @param name        real name
 * @param idNumber    canonical ID number (GB 11643), in clear
 * @param phone       mainland mobile number
 * @param address     address, may be empty
 * @param residence   {@code owner} (white certificate) or {@code tenant} (blue certificate)
 * @param homeStation id of the base station nearest home, or null
 * @param createdAt   registration instant (UTC)
 */
public record Owner(
        long id,
        String username,
        String name,
        String idNumber,
        String phone,
        String address,
        String residence,
        String homeStation,
        Instant createdAt) {

    public Owner {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(idNumber, "idNumber");
    }

    /** The ID number with its middle masked. */
    public String idNumberMasked() {
        return IdNumbers.mask(idNumber);
    }

    @Override
    public String toString() {
        return "Owner[id=" + id + ", username=" + username + "]"; // never the ID number
    }
}
