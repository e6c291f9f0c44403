package org.bikeguard.tracker.alert;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.bikeguard.common.web.Blocking;
import org.bikeguard.common.web.UnauthenticatedException;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.auth.TokenChecks;
import org.bikeguard.tracker.auth.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one alarm WebSocket around its {@link AlarmStream}: authentication without the
 * token in the URL, then the stream for as long as the token may be used.
 * <ul>
 * <li>A browser sends {@code {"token":"<bearer token>"}} as its first text message, within
 * {@link #AUTH_TIMEOUT} (a client that can set headers may instead send
 * {@code Authorization: Bearer} with the upgrade request: {@link #start}).</li>
 * <li>The server answers {@code {"event":"ready","username","role","expiresAt"}}, then sends
 * alarms (they carry an {@code id}; control messages carry {@code event} and no {@code id}).</li>
 * <li>The socket is closed with status {@value #UNAUTHORIZED} and the reason (a bad or late token,
 * the token expiring, being revoked, its user disabled or given another role: rechecked every
 * {@link #RECHECK}) or {@value #FORBIDDEN} (a role other than police or admin), or
 * {@value #TRY_AGAIN_LATER} when the token could not be checked at all (a recheck that cannot run
 * leaves the socket open).</li>
 * </ul>
 * A ping goes out every {@link #PING_EVERY} so that idle timeouts of the server and of proxies do
 * not close a quiet console. All state is confined to the socket's event loop.
 */
final class AlarmSocket {

    /** Close status for a missing, bad, expired or revoked token. */
    static final short UNAUTHORIZED = 4401;
    /** Close status for a role that may not read alarms. */
    static final short FORBIDDEN = 4403;
    /** Close status when the token could not be checked now (standard "try again later"). */
    static final short TRY_AGAIN_LATER = 1013;
    /** How long a socket may stay open without sending its token. */
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    /** How often the token is checked again (expiry, revocation, user state). */
    static final Duration RECHECK = Duration.ofSeconds(5);
    /** How often a ping is sent. */
    static final Duration PING_EVERY = Duration.ofSeconds(30);
    /** Largest first message accepted. */
    static final int MAX_AUTH_MESSAGE = 8 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmSocket.class);

    private final ServerWebSocket ws;
    private final Vertx vertx;
    private final TokenChecks checks;
    private final Blocking pool;
    private final Clock clock;
    private final Supplier<AlarmStream> streams;
    private final long since;
    private AlarmStream stream;
    private TokenService.Claims claims;
    private boolean authenticating;
    private boolean closed;
    private long authTimer = -1;
    private long recheckTimer = -1;
    private long expiryTimer = -1;
    private long ticks;

    /**
     * @param pool    where token records are read on a cache miss
     * @param clock   the tracker's clock (token expiry)
     * @param streams makes the alarm stream once the token is accepted
     * @param since   the stream's {@code since} ({@code < 0}: live only)
     */
    AlarmSocket(
            ServerWebSocket ws,
            Vertx vertx,
            TokenChecks checks,
            Blocking pool,
            Clock clock,
            Supplier<AlarmStream> streams,
            long since) {
        this.ws = ws;
        this.vertx = vertx;
        this.checks = checks;
        this.pool = pool;
        this.clock = clock;
        this.streams = streams;
        this.since = since;
        ws.closeHandler(v -> ended());
        ws.exceptionHandler(e -> LOG.debug("alarm socket error [error: {}]", e.toString()));
    }

    /** Waits for the token as the first message. */
    void awaitToken() {
        authTimer = vertx.setTimer(
                AUTH_TIMEOUT.toMillis(),
                id -> close(
                        UNAUTHORIZED,
                        "no token within " + AUTH_TIMEOUT.toSeconds() + " s; send {\"token\":...} first"));
        ws.textMessageHandler(this::firstMessage);
    }

    /** Starts at once with claims already checked (the upgrade request's header). */
    void start(TokenService.Claims c) {
        ws.textMessageHandler(m -> {});
        accepted(c);
    }

    private void firstMessage(String text) {
        if (authenticating || claims != null || closed) {
            return; // the console sends nothing else; later messages are ignored
        }
        authenticating = true;
        String token;
        try {
            token = text.length() > MAX_AUTH_MESSAGE ? null : new JsonObject(text).getString("token");
        } catch (DecodeException | ClassCastException e) {
            token = null;
        }
        if (token == null || token.isBlank()) {
            close(UNAUTHORIZED, "the first message must be {\"token\":\"...\"}");
            return;
        }
        checks.authenticate(token, pool).onComplete(ar -> {
            if (closed) {
                return;
            }
            if (ar.failed()) {
                close(
                        ar.cause() instanceof UnauthenticatedException ? UNAUTHORIZED : TRY_AGAIN_LATER,
                        ar.cause().getMessage());
            } else if (ar.result().role() != Role.POLICE && ar.result().role() != Role.ADMIN) {
                close(FORBIDDEN, "role " + ar.result().role().wire() + " may not do this; allowed: police, admin");
            } else {
                accepted(ar.result());
            }
        });
    }

    private void accepted(TokenService.Claims c) {
        claims = c;
        if (authTimer >= 0) {
            vertx.cancelTimer(authTimer);
        }
        ws.writeTextMessage(new JsonObject()
                .put("event", "ready")
                .put("username", c.username())
                .put("role", c.role().wire())
                .put("expiresAt", c.expiresAt().toString())
                .encode());
        stream = streams.get();
        stream.start(since);
        long untilExpiry = Duration.between(clock.instant(), c.expiresAt()).toMillis();
        expiryTimer = vertx.setTimer(Math.max(1, untilExpiry), id -> close(UNAUTHORIZED, "token expired"));
        recheckTimer = vertx.setPeriodic(RECHECK.toMillis(), id -> recheck());
    }

    private void recheck() {
        if (closed) {
            return;
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            close(UNAUTHORIZED, "token expired");
            return;
        }
        checks.check(claims, pool).onFailure(e -> {
            if (e instanceof UnauthenticatedException) {
                close(UNAUTHORIZED, e.getMessage());
            } else { // the check could not run (database, busy): keep the socket, check again next time
                LOG.debug("alarm socket recheck failed [error: {}]", e.toString());
            }
        });
        if (++ticks % Math.max(1, PING_EVERY.toMillis() / RECHECK.toMillis()) == 0) {
            ws.writePing(Buffer.buffer("alarms"));
        }
    }

    private void close(short status, String reason) {
        if (closed) {
            return;
        }
        ended();
        LOG.debug("closing an alarm socket [status: {}, reason: {}]", status, reason);
        ws.close(status, truncate(reason));
    }

    /** Stops timers and the stream; idempotent. */
    private void ended() {
        closed = true;
        for (long t : new long[] {authTimer, recheckTimer, expiryTimer}) {
            if (t >= 0) {
                vertx.cancelTimer(t);
            }
        }
        if (stream != null) {
            stream.stop();
        }
    }

    /** A close reason fits in 123 bytes of UTF-8. */
    private static String truncate(String reason) {
        String r = reason == null ? "" : reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 123) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
