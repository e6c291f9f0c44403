package org.bikeguard.tracker.station;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * Compact serializer of {@link Station} with the stable type name {@value #TYPE_NAME}, so that
 * renaming the Java class never breaks a running cluster. Stateless; thread-safe.
 */
public final class StationSerializer implements CompactSerializer<Station> {

    /** The Compact type name; never change it once deployed. */
    public static final String TYPE_NAME = "bikeguard.Station";

    @Override
    public Station read(CompactReader in) {
        return new Station(
                in.readString("id"),
                in.readInt32("idx"),
                in.readString("name"),
                in.readString("kind"),
                in.readFloat64("lon"),
                in.readFloat64("lat"),
                in.readInt32("radiusM"),
                in.readArrayOfInt8("secretDigest"));
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
