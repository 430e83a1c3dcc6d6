package dev.redisl2.hibernate.codec;

/**
 * The one-byte tags of entry format 2 ({@link CompactWriter}). Their numbers are the format: never
 * renumber one; a new tag takes a new number and a new entry format version.
 */
final class CompactTags {

	/** First byte of a format-2 payload: the value follows, uncompressed. */
	static final int PLAIN = 0x02;
	/** First byte of a format-2 payload: varint length of the value, then its LZ4 block. */
	static final int LZ4 = 0x03;

	static final int NULL = 0;
	static final int FALSE = 1;
	static final int TRUE = 2;
	static final int STRING = 3;
	static final int LONG = 4;
	static final int INTEGER = 5;
	static final int SHORT = 6;
	static final int BYTE = 7;
	static final int DOUBLE = 8;
	static final int FLOAT = 9;
	/** scale (zigzag), unscaled value (zigzag) when it fits a long */
	static final int DECIMAL = 10;
	/** scale (zigzag), unscaled value as two's-complement bytes */
	static final int BIG_DECIMAL = 11;
	static final int BIG_INTEGER = 12;
	/** epoch day (zigzag) */
	static final int LOCAL_DATE = 13;
	/** epoch day (zigzag), nano of day */
	static final int LOCAL_DATE_TIME = 14;
	/** epoch second (zigzag), nano */
	static final int INSTANT = 15;
	/** 16 bytes: most then least significant bits */
	static final int UUID = 16;
	/** name code of the declaring class, ordinal (varint), check: the low 16 bits of the constant name's hashCode */
	static final int ENUM = 17;
	static final int UNFETCHED = 18;
	static final int UNKNOWN = 19;
	static final int OBJECT_ARRAY = 20;
	static final int SERIALIZABLE_ARRAY = 21;
	/** name code of the subclass, version value, state count and values */
	static final int ENTITY = 22;
	/** count and values of the collection's Serializable[] state */
	static final int COLLECTION = 23;
	/** timestamp (zigzag), row count and rows */
	static final int QUERY = 24;
	/** count and values, read as an ArrayList */
	static final int LIST = 25;
	/** count and values, read as a LinkedHashSet */
	static final int SET = 26;
	/** a value of any other kind in format 1's JSON: length, then the JSON bytes */
	static final int JSON = 27;

	/** 0x40 + zigzag(v): a Long from -32 to 31 in the tag byte alone */
	static final int SMALL_LONG = 0x40;
	/** 0x80 + length: a String of 0 to 63 UTF-8 bytes, the bytes follow */
	static final int SHORT_STRING = 0x80;
	/** 0xC0 + zigzag(v): an Integer from -32 to 31 in the tag byte alone */
	static final int SMALL_INTEGER = 0xC0;
	/** How many values each folded tag holds. */
	static final int FOLDED = 64;

	/** Which folded tag ({@link #SMALL_LONG}, {@link #SHORT_STRING}, {@link #SMALL_INTEGER}) a tag byte at or above 0x40 is. */
	static int foldedKind(int tag) {
		return tag & ~( FOLDED - 1 );
	}

	/** The length a {@link #SHORT_STRING} tag holds. */
	static int foldedLength(int tag) {
		return tag & ( FOLDED - 1 );
	}

	/** The number a {@link #SMALL_LONG} or {@link #SMALL_INTEGER} tag holds (zigzag). */
	static int foldedNumber(int tag) {
		int folded = tag & ( FOLDED - 1 );
		return ( folded >>> 1 ) ^ -( folded & 1 );
	}

	private CompactTags() {
	}
}
