package org.bikeguard.tracker.owner;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;
import org.bikeguard.tracker.payment.PaymentGateway;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.RegistryJson;
import org.bikeguard.tracker.registry.Sql;

/**
 * Payment orders for cover (table {@code payment_orders}): one per purchase on the owner pages,
 * handed to the {@link PaymentGateway} and stored with its answer. The reference is {@code P}
 * followed by 10 characters of an alphabet without look-alikes. Blocking (JDBC); thread-safe.
 */
public final class PaymentOrders {

    /** Products that can be paid for (the claims module's product kinds). */
    public static final Set<String> PRODUCTS = Set.of("anti-theft", "liability");

    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource ds;
    private final PaymentGateway gateway;
    private final Clock clock;

    public PaymentOrders(DataSource ds, PaymentGateway gateway, Clock clock) {
        this.ds = ds;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * Creates an order for the owner's bike and charges it through the gateway.
     *
     * @param policyId the policy bought (claims module), or null
     * @throws RegistryException 400 unknown product or bad amount
     */
    public JsonObject create(long ownerId, long bikeId, String product, long amountFen, Long policyId) {
        if (!PRODUCTS.contains(product)) {
            throw RegistryException.invalid("product", "must be anti-theft or liability");
        }
        if (amountFen < 0 || amountFen > 10_000_000) {
            throw RegistryException.invalid("amountFen", "must be within 0..10000000 fen");
        }
        String reference = reference();
        PaymentGateway.Result r =
                gateway.charge(new PaymentGateway.Charge(reference, ownerId, bikeId, product, amountFen));
        Instant now = clock.instant();
        long id = Sql.tx(
                ds,
                c -> Sql.insertId(
                        c,
                        "INSERT INTO payment_orders (owner_id, bike_id, product, amount_fen, method, status, reference,"
                                + " policy_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        ownerId,
                        bikeId,
                        product,
                        amountFen,
                        gateway.name(),
                        r.status(),
                        reference,
                        policyId,
                        now));
        return new JsonObject()
                .put("id", id)
                .put("bikeId", bikeId)
                .put("product", product)
                .put("amountFen", amountFen)
                .put("method", gateway.name())
                .put("status", r.status())
                .put("reference", reference)
                .put("policyId", policyId)
                .put("instructions", r.instructions())
                .put("createdAt", RegistryJson.time(now));
    }

    /** The owner's orders, newest first. */
    public JsonArray byOwner(long ownerId) {
        return Sql.read(ds, c -> {
            JsonArray out = new JsonArray();
            try (var st = Sql.prepare(
                            c, "SELECT * FROM payment_orders WHERE owner_id = ? ORDER BY id DESC LIMIT 100", ownerId);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject()
                            .put("id", rs.getLong("id"))
                            .put("bikeId", rs.getLong("bike_id"))
                            .put("product", rs.getString("product"))
                            .put("amountFen", rs.getLong("amount_fen"))
                            .put("method", rs.getString("method"))
                            .put("status", rs.getString("status"))
                            .put("reference", rs.getString("reference"))
                            .put("policyId", Sql.nullableLong(rs, "policy_id"))
                            .put("createdAt", RegistryJson.time(Sql.instant(rs, "created_at"))));
                }
            }
            return out;
        });
    }

    private static String reference() {
        StringBuilder b = new StringBuilder("P");
        for (int i = 0; i < 10; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
