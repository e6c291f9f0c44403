package org.bikeguard.tracker.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plates of tags from the bike registry (bikes not deregistered). Blocking (JDBC); stateless. */
final class Plates {

    private static final Logger LOG = LoggerFactory.getLogger(Plates.class);

    private Plates() {}

    /** Plate per tag; tags the registry does not know are missing; empty when the lookup fails. */
    static Map<Long, String> of(DataSource ds, Collection<Long> tags) {
        Map<Long, String> out = new HashMap<>();
        if (tags.isEmpty()) {
            return out;
        }
        try (Connection c = ds.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT tag, plate FROM bikes WHERE tag = ANY(?) AND status <> 'deregistered'")) {
            st.setArray(1, c.createArrayOf("bigint", tags.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            LOG.debug("no plates for the tags [error: {}]", e.toString());
        }
        return out;
    }
}
