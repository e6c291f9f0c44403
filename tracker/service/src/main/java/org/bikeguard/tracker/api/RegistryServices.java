package org.bikeguard.tracker.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.bikeguard.tracker.auth.BearerAuth;
import org.bikeguard.tracker.auth.PasswordHasher;
import org.bikeguard.tracker.auth.Role;
import org.bikeguard.tracker.registry.Appointments;
import org.bikeguard.tracker.registry.BikeChanges;
import org.bikeguard.tracker.registry.Bikes;
import org.bikeguard.tracker.registry.IdNumberVault;
import org.bikeguard.tracker.registry.Owners;
import org.bikeguard.tracker.registry.RegistryException;
import org.bikeguard.tracker.registry.Requests;
import org.bikeguard.tracker.theft.CaseEvents;
import org.bikeguard.tracker.theft.TheftCases;
import org.bikeguard.tracker.theft.WatchListCaseEvents;

/**
 * The registry and theft-case stores the route classes share, built from the {@link ApiContext},
 * plus the glue they all need: running store calls on the {@code bikeguard-db} workers with
 * {@link RegistryException}s turned into API errors, and resolving an owner caller to their owner
 * id. The ID-number keys are loaded on a worker the first time they are needed. Thread-safe.
 */
final class RegistryServices {

    final ApiContext api;
    final Blocking blocking;
    final Owners owners;
    final Bikes bikes;
    final BikeChanges changes;
    final TheftCases thefts;
    final Requests requests;
    final Appointments appointments;
    final CaseEvents caseEvents;
    final AuditLog audit;

    /** The authenticated caller: username and role. */
    record Caller(String username, Role role) {
        boolean is(Role r) {
            return role == r;
        }
    }

    RegistryServices(ApiContext api, Blocking blocking) {
        this.api = api;
        this.blocking = blocking;
        var ds = api.db().dataSource();
        this.owners = new Owners(ds, memo(() -> IdNumberVault.load(ds)), new PasswordHasher());
        this.bikes = new Bikes(ds, api.clock());
        this.changes = new BikeChanges(ds, api.clock());
        this.thefts = new TheftCases(ds, api.clock());
        this.requests = new Requests(ds, api.clock());
        this.appointments = new Appointments(ds, api.clock());
        this.caseEvents = new WatchListCaseEvents(api.watchList());
        this.audit = new AuditLog(ds, api.clock());
    }

    /** Runs {@code task} on a worker; registry rule failures become 400/404/409 API errors. */
    <T> Future<T> run(Callable<T> task) {
        return blocking.run(task).recover(e -> Future.failedFuture(toApi(e)));
    }

    /** The caller of an authenticated request. */
    static Caller caller(RoutingContext ctx) {
        return new Caller(BearerAuth.username(ctx), BearerAuth.role(ctx));
    }

    /**
     * For an owner caller, their owner id (an owner account without an owner record owns
     * nothing: -1); for other roles {@code null}. Blocking.
     */
    Long ownerScope(Caller c) {
        if (!c.is(Role.OWNER)) {
            return null;
        }
        Optional<Long> id = owners.idOf(c.username());
        return id.orElse(-1L);
    }

    /** A handler whose synchronous {@link RegistryException}s become API errors. */
    static Handler<RoutingContext> guard(Handler<RoutingContext> h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (RegistryException e) {
                ctx.fail(toApi(e));
            }
        };
    }

    /** The API error for a registry failure; anything else unchanged. */
    static Throwable toApi(Throwable e) {
        if (!(e instanceof RegistryException r)) {
            return e;
        }
        JsonObject details = new JsonObject(new java.util.LinkedHashMap<>(r.details()));
        return switch (r.kind()) {
            case INVALID -> new ApiException.ValidationException(r.getMessage(), details);
            case NOT_FOUND -> new ApiException.NotFoundException(r.getMessage(), details);
            case CONFLICT -> new ApiException.ConflictException(r.getMessage(), details);
        };
    }

    /** A numeric path parameter; anything else is "not found". */
    static long pathId(RoutingContext ctx, String name, String what) {
        String v = ctx.pathParam(name);
        try {
            long id = Long.parseLong(v);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new ApiException.NotFoundException("no " + what + " " + v, new JsonObject().put("id", v));
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = s.get();
                        }
                        v = value;
                    }
                }
                return v;
            }
        };
    }
}
