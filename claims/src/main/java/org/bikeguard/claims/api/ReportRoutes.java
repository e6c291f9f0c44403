package org.bikeguard.claims.api;

import io.vertx.ext.web.Router;
import org.bikeguard.claims.ClaimsServices;

/** Documents (to follow). */
final class ReportRoutes {

    ReportRoutes(ClaimsServices services) {
    }

    void mount(Router r) {
    }
}
