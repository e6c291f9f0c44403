package org.bikeguard.tracker.theft;

import java.util.Optional;
import org.bikeguard.tracker.audit.CaseRule;

/**
 * The open theft cases as the police case-number rule ({@link CaseRule}) asks for them. Blocking
 * (JDBC); thread-safe.
 */
public final class OpenTheftCases implements CaseRule.OpenCases {

    private final TheftCases thefts;

    public OpenTheftCases(TheftCases thefts) {
        this.thefts = thefts;
    }

    @Override
    public Optional<CaseRule.OpenCase> ofTag(long tag) {
        return thefts.openOfTag(tag).map(OpenTheftCases::open);
    }

    @Override
    public Optional<CaseRule.OpenCase> ofBike(long bikeId) {
        return thefts.openOfBike(bikeId).map(OpenTheftCases::open);
    }

    private static CaseRule.OpenCase open(TheftCase t) {
        return new CaseRule.OpenCase(t.id(), t.bikeId(), t.caseNo());
    }
}
