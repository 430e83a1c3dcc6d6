package dev.redisl2.hibernate.codec;

import java.util.Collection;

/** Format-2 codecs for tests. */
final class CompactCodecs {

	private CompactCodecs() {
	}

	static ValueCodec compact(Collection<String> knownNames, Compression compression) {
		return compact( ValueCodecRoundTripTest.ALLOW_LIST, knownNames, compression );
	}

	static ValueCodec compact(TypeAllowList allowList, Collection<String> knownNames, Compression compression) {
		return new ValueCodec( allowList, ValueCodec.class.getClassLoader(), null, dev.redisl2.hibernate.entry.EntryFormat.COMPACT, knownNames, compression );
	}
}
