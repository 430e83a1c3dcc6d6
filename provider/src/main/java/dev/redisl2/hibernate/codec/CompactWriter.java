package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.cache.spi.entry.StandardCacheEntryImpl;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;

/**
 * Writes entry format 2: a one-byte tag per value and binary numbers, so an entity's state costs little more
 * than its data. Class and entity names become three-byte {@link NameCodes}. The values an entity, a
 * collection or a query result commonly holds have a tag of their own ({@link CompactTags}); every other
 * value (maps, user value types, typed arrays, rarer JDK types) is written in format 1's JSON inside a
 * {@code JSON} tag, so the two formats accept exactly the same values and the same allow-list decides. So do
 * the rare values of common types that the binary forms would not carry unchanged (a string with a lone
 * surrogate, a number of more than 9,000 digits).
 */
final class CompactWriter {

	@FunctionalInterface
	interface JsonFallback {
		byte[] encode(Object value, int depth);
	}

	private final TypeAllowList allowList;
	private final HibernateEntries hibernate;
	private final NameCodes names;
	private final JsonFallback json;

	CompactWriter(TypeAllowList allowList, HibernateEntries hibernate, NameCodes names, JsonFallback json) {
		this.allowList = allowList;
		this.hibernate = hibernate;
		this.names = names;
		this.json = json;
	}

	void write(CompactOutput out, Object value, int depth) {
		if ( value == null ) {
			out.writeByte( CompactTags.NULL );
			return;
		}
		Class<?> type = value.getClass();
		if ( type == String.class && wellFormed( (String) value ) ) {
			out.writeTaggedString( (String) value, CompactTags.SHORT_STRING, CompactTags.FOLDED, CompactTags.STRING );
		}
		else if ( type == Long.class ) {
			writeIntegral( out, (Long) value, CompactTags.SMALL_LONG, CompactTags.LONG );
		}
		else if ( type == Integer.class ) {
			writeIntegral( out, (Integer) value, CompactTags.SMALL_INTEGER, CompactTags.INTEGER );
		}
		else if ( type == Boolean.class ) {
			out.writeByte( (Boolean) value ? CompactTags.TRUE : CompactTags.FALSE );
		}
		else if ( type == BigDecimal.class && ( (BigDecimal) value ).unscaledValue().bitLength() <= CompactReader.MAX_BIG_INTEGER_BITS ) {
			writeDecimal( out, (BigDecimal) value );
		}
		else if ( type == LocalDate.class ) {
			out.writeByte( CompactTags.LOCAL_DATE );
			out.writeSignedVarLong( ( (LocalDate) value ).toEpochDay() );
		}
		else if ( type == LocalDateTime.class ) {
			LocalDateTime time = (LocalDateTime) value;
			out.writeByte( CompactTags.LOCAL_DATE_TIME );
			out.writeSignedVarLong( time.toLocalDate().toEpochDay() );
			out.writeVarLong( time.toLocalTime().toNanoOfDay() );
		}
		else if ( type == Instant.class ) {
			Instant instant = (Instant) value;
			out.writeByte( CompactTags.INSTANT );
			out.writeSignedVarLong( instant.getEpochSecond() );
			out.writeVarLong( instant.getNano() );
		}
		else if ( type == Short.class ) {
			out.writeByte( CompactTags.SHORT );
			out.writeSignedVarLong( (Short) value );
		}
		else if ( type == Byte.class ) {
			out.writeByte( CompactTags.BYTE );
			out.writeByte( (Byte) value );
		}
		else if ( type == Double.class ) {
			out.writeByte( CompactTags.DOUBLE );
			out.writeFixed64( Double.doubleToRawLongBits( (Double) value ) );
		}
		else if ( type == Float.class ) {
			out.writeByte( CompactTags.FLOAT );
			out.writeFixed32( Float.floatToRawIntBits( (Float) value ) );
		}
		else if ( type == UUID.class ) {
			UUID uuid = (UUID) value;
			out.writeByte( CompactTags.UUID );
			out.writeFixed64( uuid.getMostSignificantBits() );
			out.writeFixed64( uuid.getLeastSignificantBits() );
		}
		else if ( type == BigInteger.class && ( (BigInteger) value ).bitLength() <= CompactReader.MAX_BIG_INTEGER_BITS ) {
			out.writeByte( CompactTags.BIG_INTEGER );
			out.writeBlob( ( (BigInteger) value ).toByteArray() );
		}
		else {
			writeStructured( out, value, type, depth );
		}
	}

	private void writeStructured(CompactOutput out, Object value, Class<?> type, int depth) {
		if ( value == LazyPropertyInitializer.UNFETCHED_PROPERTY ) {
			out.writeByte( CompactTags.UNFETCHED );
		}
		else if ( value == PropertyAccessStrategyBackRefImpl.UNKNOWN ) {
			out.writeByte( CompactTags.UNKNOWN );
		}
		else if ( value instanceof Enum<?> constant ) {
			// the declaring class, not getClass(): a constant with a body is an instance of an anonymous subclass
			String className = constant.getDeclaringClass().getName();
			if ( !allowList.allows( className ) ) {
				throw new UnsupportedValueException( "Enum " + className + " is not on the codec allow-list" );
			}
			out.writeByte( CompactTags.ENUM );
			names.write( out, className );
			out.writeVarLong( constant.ordinal() );
			int check = enumCheck( constant.name() );
			out.writeByte( check >>> 8 );
			out.writeByte( check );
		}
		else if ( type == Object[].class ) {
			writeElements( out, CompactTags.OBJECT_ARRAY, (Object[]) value, ValueWriter.enter( depth ) );
		}
		else if ( type == Serializable[].class ) {
			writeElements( out, CompactTags.SERIALIZABLE_ARRAY, (Object[]) value, ValueWriter.enter( depth ) );
		}
		else if ( hibernate.isEntityEntry( type ) ) {
			StandardCacheEntryImpl entry = (StandardCacheEntryImpl) value;
			Serializable[] state = entry.getDisassembledState();
			if ( state == null || state.getClass() != Serializable[].class ) {
				throw new UnsupportedValueException( "Entity cache entry whose state is not exactly a Serializable[]" );
			}
			int inner = ValueWriter.enter( depth );
			out.writeByte( CompactTags.ENTITY );
			names.write( out, entry.getSubclass() );
			write( out, entry.getVersion(), inner );
			writeElements( out, -1, state, inner );
		}
		else if ( hibernate.isCollectionEntry( type ) ) {
			writeElements( out, CompactTags.COLLECTION, hibernate.collectionState( (CollectionCacheEntry) value ), ValueWriter.enter( depth ) );
		}
		else if ( hibernate.isQueryItem( type ) ) {
			List<?> rows = hibernate.queryResults( value );
			if ( rows == null ) {
				throw new UnsupportedValueException( "Query cache item without results" );
			}
			out.writeByte( CompactTags.QUERY );
			out.writeSignedVarLong( hibernate.queryTimestamp( value ) );
			writeCollection( out, -1, rows, ValueWriter.enter( depth ) );
		}
		else if ( ( value instanceof List<?> || value instanceof Set<?> ) && !( value instanceof PersistentCollection<?> ) ) {
			writeCollection( out, value instanceof List<?> ? CompactTags.LIST : CompactTags.SET, (Collection<?>) value, ValueWriter.enter( depth ) );
		}
		else {
			// format 1's JSON decides what it can carry (and refuses a persistent collection, a disallowed bean)
			out.writeByte( CompactTags.JSON );
			out.writeBlob( json.encode( value, ValueWriter.enter( depth ) ) );
		}
	}

	/** A value from -32 to 31 folded into its tag byte, any other after its tag as a zigzag varint. */
	private static void writeIntegral(CompactOutput out, long value, int smallTag, int tag) {
		if ( value >= -CompactTags.FOLDED / 2 && value < CompactTags.FOLDED / 2 ) {
			out.writeByte( smallTag + (int) ( ( value << 1 ) ^ ( value >> 63 ) ) );
		}
		else {
			out.writeByte( tag );
			out.writeSignedVarLong( value );
		}
	}

	/**
	 * An enum constant is stored by ordinal (one byte instead of its name), with 16 bits of its name's hash
	 * ({@link String#hashCode} is specified, so the same on every JVM) as a check: a node whose enum declares
	 * its constants in another order reads a mismatch, that is a miss, not another constant.
	 */
	static int enumCheck(String constantName) {
		return constantName.hashCode() & 0xFFFF;
	}

	private static void writeDecimal(CompactOutput out, BigDecimal value) {
		BigInteger unscaled = value.unscaledValue();
		if ( unscaled.bitLength() < 64 ) {
			out.writeByte( CompactTags.DECIMAL );
			out.writeSignedVarLong( value.scale() );
			out.writeSignedVarLong( unscaled.longValue() );
		}
		else {
			out.writeByte( CompactTags.BIG_DECIMAL );
			out.writeSignedVarLong( value.scale() );
			out.writeBlob( unscaled.toByteArray() );
		}
	}

	/**
	 * Whether UTF-8 carries the string unchanged: a lone surrogate would come back as '?', so such a string
	 * (like a number of thousands of digits, which format 1 bounds by its text) takes the JSON form.
	 */
	private static boolean wellFormed(String s) {
		for ( int i = 0; i < s.length(); i++ ) {
			char c = s.charAt( i );
			if ( Character.isHighSurrogate( c ) ) {
				if ( i + 1 == s.length() || !Character.isLowSurrogate( s.charAt( i + 1 ) ) ) {
					return false;
				}
				i++;
			}
			else if ( Character.isLowSurrogate( c ) ) {
				return false;
			}
		}
		return true;
	}

	/** A tag (unless negative), the count, then each element. */
	private void writeElements(CompactOutput out, int tag, Object[] elements, int depth) {
		if ( tag >= 0 ) {
			out.writeByte( tag );
		}
		out.writeVarLong( elements.length );
		for ( Object element : elements ) {
			write( out, element, depth );
		}
	}

	private void writeCollection(CompactOutput out, int tag, Collection<?> elements, int depth) {
		Object[] copy = elements.toArray(); // one count that matches the elements, even for a concurrent collection
		writeElements( out, tag, copy, depth );
	}
}
