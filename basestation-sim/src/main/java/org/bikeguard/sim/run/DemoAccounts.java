package org.bikeguard.sim.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bikeguard.sim.api.TrackerClient;
import org.bikeguard.sim.api.TrackerClient.ApiException;
import org.bikeguard.sim.city.City;
import org.bikeguard.sim.city.Registry;
import org.bikeguard.sim.city.Stations;

/**
 * What a newcomer needs to try the staff and owner pages on the demo city: the city's installation
 * points ({@code PUT /api/v1/installation-points/{station id}}, 40 appointments a day), an
 * {@code installer} account with a new random password at every start, and a file naming it and
 * one owner of the city (phone and password) to log in with.
 *
 * <p>Idempotent: a point is saved again, an existing account gets the new password. Not thread-safe.
 */
final class DemoAccounts {
    /** The installation staff account of the demo. */
    static final String INSTALLER = "installer";

    private final City city;
    private final TrackerClient api;
    private final PrintStream out;

    DemoAccounts(City city, TrackerClient api, PrintStream out) {
        this.city = city;
        this.api = api;
        this.out = out;
    }

    /**
     * Saves the points and the installer account; writes {@code demo-accounts.txt} into
     * {@code exportDir} when it is not null (owner-readable only: it holds passwords).
     */
    void provision(String exportDir) throws IOException, InterruptedException {
        Stations st = city.stations();
        int points = 0;
        for (int i = 0; i < st.count(); i++) {
            if (!Stations.INSTALLATION.equals(st.kind(i))) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", st.name(i));
            p.put("address", st.name(i));
            p.put("station", st.id(i));
            p.put("dailyCapacity", 40);
            api.putJson("/api/v1/installation-points/" + st.id(i), p);
            points++;
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "demo-" + HexFormat.of().formatHex(random);
        try {
            api.postJson("/api/v1/users", Map.of("username", INSTALLER, "password", password, "role", INSTALLER));
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            api.postJson("/api/v1/users/" + INSTALLER + "/password", Map.of("password", password));
        }
        out.println("city: " + points + " installation points and the '" + INSTALLER + "' account saved");
        if (exportDir != null && city.bikes().count() > 0) {
            Registry.Owner owner = city.registry().ownerOf(0);
            String text = "# Demo accounts of the simulated city (synthetic people; keep this file private)\n"
                    + "installer username: " + INSTALLER + "\n"
                    + "installer password: " + password + "\n"
                    + "owner phone: " + owner.phone() + "\n"
                    + "owner password: " + owner.password() + "\n"
                    + "(every owner of the city is in owners.csv with phone and password)\n";
            Path file = Path.of(exportDir).resolve("demo-accounts.txt");
            Exports.write(file, text, false);
            out.println("city: demo accounts written to " + file);
        }
    }
}
