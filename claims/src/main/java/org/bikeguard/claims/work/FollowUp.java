package org.bikeguard.claims.work;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import org.bikeguard.claims.calendar.CalendarService;
import org.bikeguard.claims.calendar.Deadline;
import org.bikeguard.claims.claim.ClaimRepository;
import org.bikeguard.claims.store.Sql;

/**
 * What follows each step of a claim, in the step's own transaction: the reserve
 * ({@link Reserves}), the standard activities ({@link Activities}) and the fraud-review queue
 * ({@link FraudReview}). Wired into {@link ClaimRepository} as its {@link ClaimRepository.AfterEvent},
 * so the theft and liability workflows need not know about any of them; each follower reads the
 * claim row as the step left it. Thread-safe (stateless but for the calendar service and clock).
 */
public final class FollowUp implements ClaimRepository.AfterEvent {

    private final CalendarService calendar;
    private final Clock clock;

    public FollowUp(CalendarService calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    private record Row(String type, String status, Long payoutFen, String referredBy, Deadline due) {}

    @Override
    public void after(Connection c, long claimId, String actor, String action) throws SQLException {
        Row r = Sql.one(
                c,
                "SELECT type, status, payout_fen, referred_by, due_date, due_date_provisional FROM claim WHERE id = ?",
                rs -> {
                    LocalDate due = Sql.date(rs, "due_date");
                    return new Row(
                            rs.getString("type"),
                            rs.getString("status"),
                            Sql.longOrNull(rs, "payout_fen"),
                            rs.getString("referred_by"),
                            due == null ? null : new Deadline(due, rs.getBoolean("due_date_provisional")));
                },
                claimId);
        if (r == null) {
            return;
        }
        Reserves.follow(c, claimId, r.type(), r.status(), r.payoutFen(), action, actor, clock.instant());
        Activities.follow(c, claimId, r.type(), r.status(), action, r.due(), calendar, clock);
        FraudReview.follow(c, claimId, r.status(), r.referredBy(), clock.instant());
    }

    /**
     * Adds to a staff view of a claim its reserve (with every change), activities and fraud
     * reviews: {@code reserve}, {@code activities}, {@code fraudReviews}.
     */
    public static JsonObject addTo(Connection c, JsonObject view, long claimId, Clock clock) throws SQLException {
        return view.put("reserve", Reserves.view(c, claimId))
                .put("activities", Activities.ofClaim(c, claimId, clock))
                .put("fraudReviews", FraudReview.ofClaim(c, claimId));
    }
}
