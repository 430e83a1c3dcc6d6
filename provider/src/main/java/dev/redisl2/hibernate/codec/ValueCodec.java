package dev.redisl2.hibernate.codec;

import org.hibernate.type.spi.TypeConfiguration;

import dev.redisl2.hibernate.entry.EntryFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Encodes the values Hibernate hands a second-level cache as compact UTF-8 JSON, and decodes them back to equal
 * values of the same classes. No Java serialization, and no class is loaded while decoding unless the
 * {@link TypeAllowList} allows its name. Thread-safe; one per RegionFactory.
 *
 * <p>Values whose JSON type says what they are stay natural JSON: {@code null}, a String as a string, a Boolean
 * as {@code true}/{@code false}, a Long as an integer, a finite non-negative-zero Double as a fraction. Every
 * other value is a one-field object whose name is a tag:
 *
 * <table>
 * <caption>Tags</caption>
 * <tr><th>Tag</th><th>Java type</th><th>JSON value</th></tr>
 * <tr><td>i, sh, by</td><td>Integer, Short, Byte</td><td>integer</td></tr>
 * <tr><td>f</td><td>Float</td><td>number, or "NaN" "Infinity" "-Infinity" "-0.0"</td></tr>
 * <tr><td>d</td><td>Double NaN, infinities, -0.0</td><td>"NaN" "Infinity" "-Infinity" "-0.0"</td></tr>
 * <tr><td>dec, bi</td><td>BigDecimal (scale kept), BigInteger</td><td>decimal string</td></tr>
 * <tr><td>c</td><td>Character</td><td>one-character string</td></tr>
 * <tr><td>uuid, cur</td><td>UUID, Currency</td><td>canonical string, currency code</td></tr>
 * <tr><td>loc</td><td>Locale</td><td>language tag, or [language, country, variant]</td></tr>
 * <tr><td>inst, ld, lt, ldt, odt, ot, zdt, dur, per, ym, md</td><td>Instant, LocalDate, LocalTime,
 * LocalDateTime, OffsetDateTime, OffsetTime, ZonedDateTime, Duration, Period, YearMonth, MonthDay</td>
 * <td>ISO-8601 string (toString)</td></tr>
 * <tr><td>yr</td><td>Year</td><td>integer</td></tr>
 * <tr><td>zo, zid</td><td>ZoneOffset, region ZoneId</td><td>zone id</td></tr>
 * <tr><td>date, sqld, sqlt</td><td>java.util.Date, java.sql.Date, java.sql.Time</td><td>epoch millis</td></tr>
 * <tr><td>ts</td><td>java.sql.Timestamp</td><td>[epoch millis, nanos]</td></tr>
 * <tr><td>cal</td><td>GregorianCalendar</td><td>[epoch millis, zone id, first day of week, minimal days, lenient]</td></tr>
 * <tr><td>b64, chars</td><td>byte[], char[]</td><td>Base64 string, string</td></tr>
 * <tr><td>ia, la, sa, za, fa, da</td><td>int[], long[], short[], boolean[], float[], double[]</td><td>array</td></tr>
 * <tr><td>arr, sarr</td><td>Object[], Serializable[]</td><td>array of values</td></tr>
 * <tr><td>tarr</td><td>any other reference array</td><td>[component class name, [values]]</td></tr>
 * <tr><td>list, set</td><td>List (read as ArrayList), Set (read as LinkedHashSet)</td><td>array of values</td></tr>
 * <tr><td>map</td><td>Map (read as LinkedHashMap, order kept)</td><td>[[key, value], ...]</td></tr>
 * <tr><td>enum</td><td>enum constant</td><td>[class name, constant name]</td></tr>
 * <tr><td>mark</td><td>Hibernate's identity markers</td><td>"unfetched" (LazyPropertyInitializer.UNFETCHED_PROPERTY),
 * "unknown" (PropertyAccessStrategyBackRefImpl.UNKNOWN)</td></tr>
 * <tr><td>E</td><td>StandardCacheEntryImpl</td><td>{"sub": entity name, "ver": value, "state": [values]}</td></tr>
 * <tr><td>C</td><td>CollectionCacheEntry</td><td>[values] (its Serializable[] state)</td></tr>
 * <tr><td>Q</td><td>query cache item (QueryResultsCacheImpl.CacheItem)</td><td>{"ts": integer, "rows": [values]}</td></tr>
 * <tr><td>any</td><td>AnyType.ObjectTypeCacheEntry (an {@code @Any} reference)</td><td>[entity name, id value]</td></tr>
 * <tr><td>jm</td><td>native query column metadata (CachedJdbcValuesMetadata), first element of a cached native
 * query result</td><td>{"cols": [name or null], "types": [[Java type name, JDBC type code] or null], "idx": [cache
 * index]} ("idx" only on Hibernate versions that keep it); types are rebuilt from the SessionFactory's registered
 * descriptors, never by loading a class</td></tr>
 * <tr><td>bean</td><td>an allowed user value class</td><td>[class name, Jackson's JSON for it]</td></tr>
 * </table>
 *
 * <p>Example: {@code {"E":{"sub":"com.x.Book","ver":{"i":3},"state":["Dune",{"dec":"9.90"},{"mark":"unfetched"}]}}}.
 * Nesting of arrays, collections, maps and entries is limited to {@value #MAX_DEPTH} levels both ways, which also
 * turns a cyclic value into an {@link UnsupportedValueException} instead of a stack overflow.
 */
public final class ValueCodec {

	/** Deep enough for embeddables in collections in query rows; shallow enough that input cannot exhaust the stack. */
	static final int MAX_DEPTH = 64;

	/**
	 * Jackson's own nesting limit, a backstop for bean contents (which {@link #MAX_DEPTH} does not count): a level
	 * of ours takes up to three JSON levels.
	 */
	private static final int MAX_JSON_NESTING = 3 * MAX_DEPTH + 64;

	private final JsonFactory json;
	private final ValueWriter writer;
	private final ValueReader reader;
	private final int format;
	private final CompactWriter compactWriter;
	private final CompactReader compactReader;
	private final Compression compression;

	/**
	 * Classes named in entries are loaded through the thread context class loader current at construction
	 * (Hibernate builds the region factory with the application's loader in place), or this class's loader.
	 */
	public ValueCodec(TypeAllowList allowList) {
		this( allowList, defaultClassLoader() );
	}

	/**
	 * Classes named in entries are loaded through {@code classLoader}, after the allow-list allows them.
	 *
	 * @throws IllegalStateException if this Hibernate's cache entry classes are not shaped as in 7.4
	 */
	public ValueCodec(TypeAllowList allowList, ClassLoader classLoader) {
		this( allowList, classLoader, null );
	}

	/**
	 * Also carries the column metadata of cached native query results, whose types are rebuilt from (and only
	 * from) the descriptors registered in {@code types}, the SessionFactory's type configuration. Without it
	 * (null) such results are not cached.
	 *
	 * @throws IllegalStateException if this Hibernate's cache entry classes are not shaped as in 7.4
	 */
	public ValueCodec(TypeAllowList allowList, ClassLoader classLoader, TypeConfiguration types) {
		this( allowList, classLoader, types, EntryFormat.JSON, java.util.List.of(), Compression.NONE );
	}

	/**
	 * A codec that writes and reads {@code format} ({@link EntryFormat#JSON}, the JSON described above, or {@link EntryFormat#COMPACT}, binary with one-byte tags and names as codes ({@link CompactWriter})). In the
	 * compact format the class and entity names in {@code knownNames} are written as three-byte codes (any other
	 * name in full), and payloads of at least {@code compression}'s threshold are LZ4-compressed.
	 *
	 * @throws IllegalStateException if this Hibernate's cache entry classes are not shaped as in 7.4
	 */
	public ValueCodec(TypeAllowList allowList, ClassLoader classLoader, TypeConfiguration types, int format,
			java.util.Collection<String> knownNames, Compression compression) {
		if ( format != EntryFormat.JSON && format != EntryFormat.COMPACT ) {
			throw new IllegalArgumentException( "No entry format " + format );
		}
		Objects.requireNonNull( allowList, "allowList" );
		Objects.requireNonNull( classLoader, "classLoader" );
		ObjectMapper beans = beanMapper( allowList );
		HibernateEntries hibernate = new HibernateEntries();
		NativeQueryMetadata nativeMetadata = new NativeQueryMetadata( types );
		this.json = beans.getFactory();
		this.writer = new ValueWriter( allowList, hibernate, beans, nativeMetadata );
		ClassResolver classes = new ClassResolver( allowList, classLoader );
		this.reader = new ValueReader( allowList, classes, hibernate, beans, nativeMetadata );
		this.format = format;
		NameCodes names = new NameCodes( knownNames );
		this.compactWriter = new CompactWriter( allowList, hibernate, names, this::encodeJson );
		this.compactReader = new CompactReader( classes, hibernate, nativeMetadata, names, this::decodeJson );
		this.compression = Objects.requireNonNull( compression, "compression" );
	}

	/** The entry format this codec writes and reads. */
	public int format() {
		return format;
	}

	/**
	 * Encodes a Hibernate cache value to UTF-8 JSON bytes.
	 *
	 * @throws UnsupportedValueException for a value it cannot represent (the caller then skips caching it)
	 */
	public byte[] encode(Object value) {
		if ( format == EntryFormat.JSON ) {
			return encodeJson( value, 0 );
		}
		CompactOutput out = new CompactOutput( 96 );
		out.writeByte( CompactTags.PLAIN );
		compactWriter.write( out, value, 0 );
		return compression.pack( out );
	}

	/**
	 * Encodes in format 1 whatever the codec's format: opaque versions in lock headers are compared as text by
	 * nodes of either format, so they keep one spelling.
	 */
	public byte[] encodeJson(Object value) {
		return encodeJson( value, 0 );
	}

	private byte[] encodeJson(Object value, int depth) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream( 128 );
		try ( JsonGenerator out = json.createGenerator( bytes, JsonEncoding.UTF8 ) ) {
			writer.write( out, value, depth );
		}
		catch (UnsupportedValueException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			// Jackson failing on a bean, a getter throwing: either way the value cannot be cached.
			throw new UnsupportedValueException( "Cannot encode a " + ( value == null ? "null" : value.getClass().getName() ), e );
		}
		return bytes.toByteArray();
	}

	/**
	 * Decodes {@code bytes[offset..end)} as produced by {@link #encode}.
	 *
	 * @throws CorruptEntryException for malformed, truncated, foreign or disallowed content, and for nothing else
	 */
	public Object decode(byte[] bytes, int offset) {
		if ( bytes == null || offset < 0 || offset >= bytes.length ) {
			throw Json.corrupt( "no content" );
		}
		if ( format == EntryFormat.JSON ) {
			return decodeJson( bytes, offset, bytes.length - offset, 0 );
		}
		try {
			CompactInput in = compression.unpack( bytes, offset );
			Object value = compactReader.read( in, 0 );
			if ( !in.atEnd() ) {
				throw Json.corrupt( "trailing content" );
			}
			return value;
		}
		catch (CorruptEntryException e) {
			throw e;
		}
		catch (RuntimeException | LinkageError e) {
			// a failing constructor of an allowed class, a Hibernate entry refusing its state: this entry is unusable
			throw new CorruptEntryException( "Corrupt cache entry: " + e.getMessage(), e );
		}
	}

	/** Decodes format 1 whatever the codec's format (see {@link #encodeJson(Object)}). */
	public Object decodeJson(byte[] bytes, int offset) {
		if ( bytes == null || offset < 0 || offset >= bytes.length ) {
			throw Json.corrupt( "no content" );
		}
		return decodeJson( bytes, offset, bytes.length - offset, 0 );
	}

	private Object decodeJson(byte[] bytes, int offset, int length, int depth) {
		if ( length <= 0 ) {
			throw Json.corrupt( "no content" );
		}
		requireUtf8( bytes, offset, offset + length );
		try ( JsonParser in = json.createParser( bytes, offset, length ) ) {
			in.nextToken();
			Object value = reader.read( in, depth );
			if ( in.nextToken() != null ) {
				throw Json.corrupt( "trailing content" );
			}
			return value;
		}
		catch (CorruptEntryException e) {
			throw e;
		}
		catch (IOException | RuntimeException | LinkageError e) {
			// Jackson's syntax errors, a JDK parse method refusing a string, a failing constructor of an allowed
			// class: all mean this entry cannot be used, and callers handle exactly one exception type.
			throw new CorruptEntryException( "Corrupt cache entry: " + e.getMessage(), e );
		}
	}

	/**
	 * Jackson guesses UTF-16 or UTF-32 from zero bytes and byte-order marks in the first four bytes. We only ever
	 * write BOM-less UTF-8 (raw zero bytes never occur in it), so anything that would trigger the guess is foreign.
	 */
	private static void requireUtf8(byte[] bytes, int offset, int limit) {
		if ( bytes[offset] < 0 ) {
			throw Json.corrupt( "does not start like JSON" );
		}
		int end = Math.min( limit, offset + 4 );
		for ( int i = offset; i < end; i++ ) {
			if ( bytes[i] == 0 ) {
				throw Json.corrupt( "not UTF-8 JSON" );
			}
		}
	}

	/**
	 * Strict parsing (duplicate names rejected) and an allow-list check on polymorphic bean properties; default
	 * typing stays off, so Jackson instantiates only the classes beans declare. Jackson's string length limit is
	 * lifted because a string can never be longer than the entry already in memory, and a limit would make long
	 * strings encode but never decode; its number length limit matches our own for BigDecimal text.
	 */
	private static ObjectMapper beanMapper(TypeAllowList allowList) {
		StreamReadConstraints constraints = StreamReadConstraints.builder()
				.maxNestingDepth( MAX_JSON_NESTING )
				.maxStringLength( Integer.MAX_VALUE )
				.maxNumberLength( NumberScalars.MAX_DECIMAL_LENGTH )
				.build();
		JsonFactory factory = JsonFactory.builder()
				.streamReadConstraints( constraints )
				.enable( StreamReadFeature.STRICT_DUPLICATE_DETECTION )
				.build();
		return JsonMapper.builder( factory )
				.polymorphicTypeValidator( new AllowListTypeValidator( allowList ) )
				.disable( SerializationFeature.FLUSH_AFTER_WRITE_VALUE )
				.build();
	}

	private static ClassLoader defaultClassLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return context != null ? context : ValueCodec.class.getClassLoader();
	}
}
