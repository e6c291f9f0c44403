package org.bikeguard.claims.product;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.bikeguard.claims.ClaimsException;
import org.bikeguard.claims.store.ClaimsDatabase;
import org.bikeguard.claims.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product versions in {@code claims.product}. Seeds version 1 of each product at first start;
 * never rewrites an existing version. Blocking; thread-safe.
 */
public final class ProductRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ProductRepository.class);

    private final ClaimsDatabase db;

    public ProductRepository(ClaimsDatabase db) {
        this.db = db;
    }

    /**
     * Inserts the first version of each product that has none (waiting days for anti-theft as
     * given). Safe when several members seed at the same moment: one inserts, the others find it.
     */
    public void seedIfEmpty(int theftWaitingDays) {
        db.inTransaction(c -> {
            for (Product p : List.of(Product.seedAntiTheft(theftWaitingDays), Product.seedLiability())) {
                int n = Sql.update(
                        c,
                        // Members seeding at the same moment: the insert that loses the race
                        // waits for the winner's commit, then does nothing (no duplicate key).
                        "INSERT INTO product (kind, version, terms) SELECT ?, ?, ?::jsonb "
                                + "WHERE NOT EXISTS (SELECT 1 FROM product WHERE kind = ?) "
                                + "ON CONFLICT (kind, version) DO NOTHING",
                        p.kind().code(),
                        p.version(),
                        p.termsJson(),
                        p.kind().code());
                if (n > 0) {
                    LOG.info(
                            "product seeded [product: {}, terms: {}]",
                            p.kind().code(),
                            p.termsJson().encode());
                }
            }
            return null;
        });
    }

    /** The newest version of {@code kind}; 404 when none. */
    public Product latest(Connection c, ProductKind kind) throws SQLException {
        Product p = Sql.one(
                c,
                "SELECT kind, version, terms FROM product WHERE kind = ? ORDER BY version DESC LIMIT 1",
                ProductRepository::map,
                kind.code());
        if (p == null) {
            throw ClaimsException.notFound("product " + kind.code());
        }
        return p;
    }

    /** A given version; 404 when none. */
    public Product get(Connection c, ProductKind kind, int version) throws SQLException {
        Product p = Sql.one(
                c,
                "SELECT kind, version, terms FROM product WHERE kind = ? AND version = ?",
                ProductRepository::map,
                kind.code(),
                version);
        if (p == null) {
            throw ClaimsException.notFound("product " + kind.code() + " v" + version);
        }
        return p;
    }

    /** Every version of every product. */
    public List<Product> all() {
        return db.inTransaction(c -> Sql.query(
                c, "SELECT kind, version, terms FROM product ORDER BY kind, version", ProductRepository::map));
    }

    /** Adds a new version of a product with new terms (admin); returns it. */
    public Product addVersion(ProductKind kind, JsonObject terms) {
        return db.inTransaction(c -> {
            int next = Sql.one(
                    c,
                    "SELECT coalesce(max(version), 0) + 1 AS v FROM product WHERE kind = ?",
                    rs -> rs.getInt("v"),
                    kind.code());
            Product p;
            try {
                p = Product.fromTerms(kind, next, terms);
            } catch (RuntimeException e) {
                throw ClaimsException.invalid("invalid product terms: " + e.getMessage());
            }
            Sql.update(
                    c, "INSERT INTO product (kind, version, terms) VALUES (?, ?, ?)", kind.code(), next, p.termsJson());
            return p;
        });
    }

    private static Product map(java.sql.ResultSet rs) throws SQLException {
        return Product.fromTerms(
                ProductKind.fromCode(rs.getString("kind")),
                rs.getInt("version"),
                new JsonObject(rs.getString("terms")));
    }
}
