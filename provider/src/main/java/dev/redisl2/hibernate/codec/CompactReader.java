package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;

/**
 * Reads entry format 2 ({@link CompactWriter}). Strict: an unknown tag, a number out of its type's range, a
 * name code this mapping does not know or a class the allow-list refuses is a {@link CorruptEntryException}.
 */
final class CompactReader {

	/** About 9,000 decimal digits, below format 1's bound on a number's text; larger numbers take the JSON form. */
	static final int MAX_BIG_INTEGER_BITS = 30_000;

	@FunctionalInterface
	interface JsonFallback {
		Object decode(byte[] bytes, int offset, int length, int depth);
	}

	private final ClassResolver classes;
	private final HibernateEntries hibernate;
	private final NativeQueryMetadata nativeMetadata;
	private final NameCodes names;
	private final JsonFallback json;

	CompactReader(ClassResolver classes, HibernateEntries hibernate, NativeQueryMetadata nativeMetadata, NameCodes names,
			JsonFallback json) {
		this.classes = classes;
		this.hibernate = hibernate;
		this.nativeMetadata = nativeMetadata;
		this.names = names;
		this.json = json;
	}

	Object read(CompactInput in, int depth) {
		int tag = in.readByte();
		if ( tag >= CompactTags.SMALL_LONG ) {
			return switch ( CompactTags.foldedKind( tag ) ) {
				case CompactTags.SMALL_LONG -> (long) CompactTags.foldedNumber( tag );
				case CompactTags.SHORT_STRING -> in.readString( CompactTags.foldedLength( tag ) );
				default -> CompactTags.foldedNumber( tag ); // SMALL_INTEGER
			};
		}
		return switch ( tag ) {
			case CompactTags.NULL -> null;
			case CompactTags.FALSE -> Boolean.FALSE;
			case CompactTags.TRUE -> Boolean.TRUE;
			case CompactTags.STRING -> in.readString();
			case CompactTags.LONG -> in.readSignedVarLong();
			case CompactTags.INTEGER -> (int) in.readSigned( Integer.MIN_VALUE, Integer.MAX_VALUE );
			case CompactTags.SHORT -> (short) in.readSigned( Short.MIN_VALUE, Short.MAX_VALUE );
			case CompactTags.BYTE -> (byte) in.readByte();
			case CompactTags.DOUBLE -> Double.longBitsToDouble( in.readFixed64() );
			case CompactTags.FLOAT -> Float.intBitsToFloat( in.readFixed32() );
			case CompactTags.DECIMAL -> readDecimal( in );
			case CompactTags.BIG_DECIMAL -> readBigDecimal( in );
			case CompactTags.BIG_INTEGER -> bigInteger( in.readBlob() );
			case CompactTags.LOCAL_DATE -> time( () -> LocalDate.ofEpochDay( in.readSignedVarLong() ) );
			case CompactTags.LOCAL_DATE_TIME -> time( () -> LocalDateTime.of( LocalDate.ofEpochDay( in.readSignedVarLong() ),
					LocalTime.ofNanoOfDay( in.readVarLong() ) ) );
			case CompactTags.INSTANT -> time( () -> Instant.ofEpochSecond( in.readSignedVarLong(), in.readVarLong() ) );
			case CompactTags.UUID -> new UUID( in.readFixed64(), in.readFixed64() );
			case CompactTags.ENUM -> readEnum( in );
			case CompactTags.UNFETCHED -> LazyPropertyInitializer.UNFETCHED_PROPERTY;
			case CompactTags.UNKNOWN -> PropertyAccessStrategyBackRefImpl.UNKNOWN;
			case CompactTags.OBJECT_ARRAY -> readElements( in, ValueReader.enter( depth ) ).toArray();
			case CompactTags.SERIALIZABLE_ARRAY -> readSerializables( in, ValueReader.enter( depth ) );
			case CompactTags.ENTITY -> readEntity( in, ValueReader.enter( depth ) );
			case CompactTags.COLLECTION -> hibernate.newCollectionEntry( readSerializables( in, ValueReader.enter( depth ) ) );
			case CompactTags.QUERY -> readQuery( in, ValueReader.enter( depth ) );
			case CompactTags.LIST -> readElements( in, ValueReader.enter( depth ) );
			case CompactTags.SET -> readSet( in, ValueReader.enter( depth ) );
			case CompactTags.JSON -> {
				int length = in.readLength();
				yield json.decode( in.array(), in.skip( length ), length, ValueReader.enter( depth ) );
			}
			default -> throw Json.corrupt( "unknown tag " + tag );
		};
	}

	private static Object readDecimal(CompactInput in) {
		int scale = (int) in.readSigned( Integer.MIN_VALUE, Integer.MAX_VALUE );
		return BigDecimal.valueOf( in.readSignedVarLong(), scale );
	}

	private static Object readBigDecimal(CompactInput in) {
		int scale = (int) in.readSigned( Integer.MIN_VALUE, Integer.MAX_VALUE );
		return new BigDecimal( bigInteger( in.readBlob() ), scale );
	}

	private static BigInteger bigInteger(byte[] twosComplement) {
		if ( twosComplement.length == 0 || twosComplement.length * 8L > MAX_BIG_INTEGER_BITS + 8 ) {
			throw Json.corrupt( "integer of " + twosComplement.length + " bytes" );
		}
		return new BigInteger( twosComplement );
	}

	private interface TimeRead {
		Object read();
	}

	private static Object time(TimeRead read) {
		try {
			return read.read();
		}
		catch (DateTimeException | ArithmeticException e) {
			throw new CorruptEntryException( "Corrupt cache entry: date or time out of range", e );
		}
	}

	private Object readEnum(CompactInput in) {
		Class<?> type = classes.resolve( names.read( in ) );
		long ordinal = in.readVarLong();
		int check = in.readByte() << 8 | in.readByte();
		if ( !type.isEnum() ) {
			throw Json.corrupt( type.getName() + " is not an enum" );
		}
		Object[] constants = type.getEnumConstants();
		if ( ordinal < 0 || ordinal >= constants.length
				|| CompactWriter.enumCheck( ( (Enum<?>) constants[(int) ordinal] ).name() ) != check ) {
			throw Json.corrupt( "no constant " + ordinal + " with that name in " + type.getName() + " (constants reordered?)" );
		}
		return constants[(int) ordinal];
	}

	private Object readEntity(CompactInput in, int depth) {
		String subclass = names.read( in );
		Object version = read( in, depth );
		Serializable[] state = readSerializables( in, depth );
		return hibernate.newEntityEntry( state, subclass, version );
	}

	private Object readQuery(CompactInput in, int depth) {
		long timestamp = in.readSignedVarLong();
		List<Object> rows = readElements( in, depth );
		nativeMetadata.checkRows( rows );
		return hibernate.newQueryItem( timestamp, rows );
	}

	private List<Object> readElements(CompactInput in, int depth) {
		int count = in.readLength();
		List<Object> elements = new ArrayList<>( count );
		for ( int i = 0; i < count; i++ ) {
			elements.add( read( in, depth ) );
		}
		return elements;
	}

	private Serializable[] readSerializables(CompactInput in, int depth) {
		int count = in.readLength();
		Serializable[] elements = new Serializable[count];
		for ( int i = 0; i < count; i++ ) {
			Object element = read( in, depth );
			if ( element != null && !( element instanceof Serializable ) ) {
				throw Json.corrupt( "a state element that is not Serializable" );
			}
			elements[i] = (Serializable) element;
		}
		return elements;
	}

	private Set<Object> readSet(CompactInput in, int depth) {
		List<Object> elements = readElements( in, depth );
		Set<Object> set = new LinkedHashSet<>( elements );
		if ( set.size() != elements.size() ) {
			throw Json.corrupt( "a set with duplicate elements" );
		}
		return set;
	}
}
