package dev.redisl2.hibernate.codec;

import java.util.List;

import dev.redisl2.hibernate.codec.fixtures.Color;

/** Every round-trip case of format 1, through format 2 (names known, so written as codes; compression on). */
class CompactValueCodecRoundTripTest extends ValueCodecRoundTripTest {

	@Override
	ValueCodec codec() {
		return CompactCodecs.compact( List.of( Color.class.getName(), "com.example.Book", "E" ), Compression.above( 64 ) );
	}
}
