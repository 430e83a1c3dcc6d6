package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

import dev.redisl2.hibernate.codec.fixtures.Color;

/** A format-2 entity payload for tests outside this package. */
public final class InspectorFixtures {

	private InspectorFixtures() {
	}

	public static byte[] compactEntityPayload() {
		ValueCodec codec = CompactCodecs.compact( List.of( Color.class.getName(), "dev.acme.Book" ), Compression.NONE );
		return codec.encode( HibernateFixtures.entityEntry( new Serializable[] { "Dune", Color.RED, new BigDecimal( "9.90" ) }, "dev.acme.Book", 3L ) );
	}

	public static String colorClass() {
		return Color.class.getName();
	}
}
