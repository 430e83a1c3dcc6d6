package dev.redisl2.hibernate.codec;

import java.util.List;

/** Format 2 refuses exactly what format 1 refuses: the same allow-list decides. */
class CompactValueCodecUnsupportedTest extends ValueCodecUnsupportedTest {

	@Override
	ValueCodec codec() {
		return CompactCodecs.compact( List.of(), Compression.NONE );
	}
}
