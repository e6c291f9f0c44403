package org.bikeguard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The database side of the overload benchmark's exactly-once check ({@code ops/bench/overload}):
 * prints one line {@code AUDIT {"frames":F,"sightings":S,"sightingReads":R}} for the stations
 * whose id starts with {@code --prefix}: frames in the frame log (each logged once), and the
 * persisted sightings and the sum of their reads (raw read counts). Run it once the tracker has
 * closed and checkpointed every sighting.
 *
 * <p>Usage: {@code OverloadAudit --jdbc jdbc:postgresql://127.0.0.1:PORT/postgres [--user postgres]
 * [--password ""] [--prefix BENCH-]}. Exit code 1 when the database cannot be read.
 */
public final class OverloadAudit {

    private OverloadAudit() {}

    public static void main(String[] argv) {
        Args args = new Args(argv, "--jdbc", "--user", "--password", "--prefix");
        String url = args.value("--jdbc", null);
        if (url == null) {
            System.err.println("--jdbc is required");
            System.exit(2);
        }
        String like = args.value("--prefix", "BENCH-").replace("%", "\\%").replace("_", "\\_") + "%";
        try (Connection c =
                DriverManager.getConnection(url, args.value("--user", "postgres"), args.value("--password", ""))) {
            long frames = one(c, "SELECT count(*) FROM frame_log WHERE station LIKE ?", like);
            long sightings = one(c, "SELECT count(*) FROM sightings WHERE station LIKE ?", like);
            long reads = one(c, "SELECT coalesce(sum(reads), 0) FROM sightings WHERE station LIKE ?", like);
            System.out.printf(
                    Locale.ROOT,
                    "AUDIT {\"frames\":%d,\"sightings\":%d,\"sightingReads\":%d}%n",
                    frames,
                    sightings,
                    reads);
        } catch (SQLException e) {
            System.err.println("audit failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static long one(Connection c, String sql, String like) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, like);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
