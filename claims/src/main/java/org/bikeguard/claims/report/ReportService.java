package org.bikeguard.claims.report;

import java.time.Clock;
import org.bikeguard.claims.claim.ClaimQueries;
import org.bikeguard.claims.store.ClaimsDatabase;

/** Placeholder: documents follow. */
public final class ReportService {

    public ReportService(ClaimsDatabase db, ClaimQueries queries, Clock clock) {
    }
}
