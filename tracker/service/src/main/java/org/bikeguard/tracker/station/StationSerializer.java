package org.bikeguard.tracker.station;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.EnumSet;
import java.util.Set;

/**
 * Compact serializer of {@link Station} with the stable type name {@value #TYPE_NAME}, so that
 * renaming the Java class never breaks a running cluster. A record written by a member from before
 * station authentication methods existed (no {@code authMethods}, {@code certSha256},
 * {@code status} fields) reads as an active station accepting its secret. Stateless; thread-safe.
 */
public final class StationSerializer implements CompactSerializer<Station> {

    /** The Compact type name; never change it once deployed. */
    public static final String TYPE_NAME = "bikeguard.Station";

    @Override
    public Station read(CompactReader in) {
        boolean v2 = in.getFieldKind("status") == FieldKind.STRING;
        return new Station(
                in.readString("id"),
                in.readInt32("idx"),
                in.readString("name"),
                in.readString("kind"),
                in.readFloat64("lon"),
                in.readFloat64("lat"),
                in.readInt32("radiusM"),
                in.readArrayOfInt8("secretDigest"),
                v2 ? methods(in.readArrayOfString("authMethods")) : Station.DEFAULT_AUTH,
                v2 ? in.readArrayOfInt8("certSha256") : null,
                v2 ? Station.Status.ofWire(in.readString("status")) : Station.Status.ACTIVE);
    }

    @Override
    public void write(CompactWriter out, Station s) {
        out.writeString("id", s.id());
        out.writeInt32("idx", s.idx());
        out.writeString("name", s.name());
        out.writeString("kind", s.kind());
        out.writeFloat64("lon", s.lon());
        out.writeFloat64("lat", s.lat());
        out.writeInt32("radiusM", s.radiusM());
        out.writeArrayOfInt8("secretDigest", s.secretDigest());
        out.writeArrayOfString(
                "authMethods",
                s.authMethods().stream().map(Station.AuthMethod::wire).toArray(String[]::new));
        out.writeArrayOfInt8("certSha256", s.certSha256());
        out.writeString("status", s.status().wire());
    }

    private static Set<Station.AuthMethod> methods(String[] wire) {
        Set<Station.AuthMethod> out = EnumSet.noneOf(Station.AuthMethod.class);
        for (String w : wire) {
            out.add(Station.AuthMethod.ofWire(w));
        }
        return out;
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<Station> getCompactClass() {
        return Station.class;
    }
}
