package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import dev.redisl2.hibernate.codec.fixtures.Color;
import dev.redisl2.hibernate.codec.fixtures.Money;
import dev.redisl2.hibernate.codec.fixtures.PolymorphicHolder;
import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.cache.spi.entry.StandardCacheEntryImpl;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.redisl2.hibernate.codec.SameValue.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ValueCodecRoundTripTest {

	static final TypeAllowList ALLOW_LIST = TypeAllowList.builtIn()
			.with( List.of( Money.class.getName(), PolymorphicHolder.class.getName() ) )
			.withClasses( List.of( Color.class ) );

	final ValueCodec codec = codec();

	/** The codec under test; the compact format's test runs the same cases through its own. */
	ValueCodec codec() {
		return new ValueCodec( ALLOW_LIST );
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource({ "simpleValues", "numbers", "temporals", "legacyAndMisc", "arrays", "collections", "hibernateValues", "beans" })
	void roundTrips(String description, Object value) {
		byte[] encoded = codec.encode( value );
		assertSameValue( value, codec.decode( encoded, 0 ) );
		// A second pass must give identical bytes: the format has one spelling per value.
		org.junit.jupiter.api.Assertions.assertArrayEquals( encoded, codec.encode( codec.decode( encoded, 0 ) ) );
	}

	static Stream<Arguments> simpleValues() {
		return Stream.of(
				arguments( "null", null ),
				arguments( "empty string", "" ),
				arguments( "unicode string", "héllo ✓ 😀 \u4e2d" ),
				arguments( "lone surrogates", "a\uD800b\uDC00" ),
				arguments( "control characters", "\u0000\u001f\"\\/\n\t" ),
				arguments( "string that looks tagged", "{\"i\":5}" ),
				arguments( "true", Boolean.TRUE ),
				arguments( "false", Boolean.FALSE ),
				arguments( "char", 'x' ),
				arguments( "surrogate char", '\uDC00' ),
				arguments( "nul char", '\u0000' )
		);
	}

	static Stream<Arguments> numbers() {
		return Stream.of(
				arguments( "byte min", Byte.MIN_VALUE ),
				arguments( "byte max", Byte.MAX_VALUE ),
				arguments( "short min", Short.MIN_VALUE ),
				arguments( "short", (short) 7 ),
				arguments( "int min", Integer.MIN_VALUE ),
				arguments( "int max", Integer.MAX_VALUE ),
				arguments( "int zero", 0 ),
				arguments( "long min", Long.MIN_VALUE ),
				arguments( "long max", Long.MAX_VALUE ),
				arguments( "long zero", 0L ),
				arguments( "long beyond 2^53", ( 1L << 53 ) + 1 ),
				arguments( "float", 1.1f ),
				arguments( "float min", Float.MIN_VALUE ),
				arguments( "float max", Float.MAX_VALUE ),
				arguments( "float -0", -0.0f ),
				arguments( "float NaN", Float.NaN ),
				arguments( "float -inf", Float.NEGATIVE_INFINITY ),
				arguments( "double", 0.1d ),
				arguments( "double integral", 3.0d ),
				arguments( "double zero", 0.0d ),
				arguments( "double -0", -0.0d ),
				arguments( "double NaN", Double.NaN ),
				arguments( "double +inf", Double.POSITIVE_INFINITY ),
				arguments( "double -inf", Double.NEGATIVE_INFINITY ),
				arguments( "double min", Double.MIN_VALUE ),
				arguments( "double max", Double.MAX_VALUE ),
				arguments( "double large", 1e300 ),
				arguments( "double negative small", -1.2345e-300 ),
				arguments( "decimal scale 2", new BigDecimal( "1.50" ) ),
				arguments( "decimal negative scale", new BigDecimal( "1E+3" ) ),
				arguments( "decimal negative zero scale", new BigDecimal( "-0.000" ) ),
				arguments( "decimal long", new BigDecimal( "-123456789012345678901234567890.123456789012345678901234567890" ) ),
				arguments( "big integer", new BigInteger( "-98765432109876543210987654321098765432109876543210" ) ),
				arguments( "big integer zero", BigInteger.ZERO )
		);
	}

	static Stream<Arguments> temporals() {
		ZoneId paris = ZoneId.of( "Europe/Paris" );
		return Stream.of(
				arguments( "instant nanos", Instant.parse( "2024-02-29T12:34:56.123456789Z" ) ),
				arguments( "instant before epoch", Instant.ofEpochSecond( -1, 1 ) ),
				arguments( "instant min", Instant.MIN ),
				arguments( "instant max", Instant.MAX ),
				arguments( "local date", LocalDate.of( 2024, 2, 29 ) ),
				arguments( "local date min", LocalDate.MIN ),
				arguments( "local date max", LocalDate.MAX ),
				arguments( "local time minutes only", LocalTime.of( 10, 15 ) ),
				arguments( "local time max", LocalTime.MAX ),
				arguments( "local date time", LocalDateTime.of( 2024, 1, 1, 0, 0 ) ),
				arguments( "local date time nanos", LocalDateTime.of( 1969, 12, 31, 23, 59, 59, 1 ) ),
				arguments( "offset date time", OffsetDateTime.of( 2024, 3, 1, 10, 0, 0, 500, ZoneOffset.ofHoursMinutes( 5, 30 ) ) ),
				arguments( "offset time", OffsetTime.of( 23, 59, 59, 999_999_999, ZoneOffset.ofHours( -8 ) ) ),
				arguments( "zoned date time", ZonedDateTime.of( 2024, 7, 14, 12, 0, 0, 0, paris ) ),
				arguments( "zoned DST overlap earlier", ZonedDateTime.of( 2023, 10, 29, 2, 30, 0, 0, paris ).withEarlierOffsetAtOverlap() ),
				arguments( "zoned DST overlap later", ZonedDateTime.of( 2023, 10, 29, 2, 30, 0, 0, paris ).withLaterOffsetAtOverlap() ),
				arguments( "zoned with offset zone", ZonedDateTime.of( 2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours( 2 ) ) ),
				arguments( "zoned with UTC region", ZonedDateTime.of( 2024, 1, 1, 0, 0, 0, 0, ZoneId.of( "UTC" ) ) ),
				arguments( "zoned with Z offset", ZonedDateTime.of( 2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC ) ),
				arguments( "duration nanos", Duration.ofNanos( 1 ) ),
				arguments( "duration negative", Duration.ofSeconds( -5, 1 ) ),
				arguments( "duration min", Duration.ofSeconds( Long.MIN_VALUE ) ),
				arguments( "duration max", Duration.ofSeconds( Long.MAX_VALUE, 999_999_999 ) ),
				arguments( "period unnormalised", Period.of( 1, 14, -3 ) ),
				arguments( "period zero", Period.ZERO ),
				arguments( "year negative", Year.of( -5 ) ),
				arguments( "year", Year.of( 2024 ) ),
				arguments( "year month", YearMonth.of( 2024, 2 ) ),
				arguments( "year month five digits", YearMonth.of( 10000, 1 ) ),
				arguments( "year month negative", YearMonth.of( -5, 12 ) ),
				arguments( "year month max", YearMonth.of( Year.MAX_VALUE, 12 ) ),
				arguments( "year month min", YearMonth.of( Year.MIN_VALUE, 1 ) ),
				arguments( "local date time max", LocalDateTime.MAX ),
				arguments( "local date time min", LocalDateTime.MIN ),
				arguments( "offset date time max", OffsetDateTime.MAX ),
				arguments( "offset date time min", OffsetDateTime.MIN ),
				arguments( "zoned far future", ZonedDateTime.of( 123456, 1, 1, 0, 0, 0, 0, paris ) ),
				arguments( "offset time min", OffsetTime.MIN ),
				arguments( "month day", MonthDay.of( 2, 29 ) ),
				arguments( "zone offset Z", ZoneOffset.UTC ),
				arguments( "zone offset seconds", ZoneOffset.ofHoursMinutesSeconds( 1, 2, 3 ) ),
				arguments( "zone region", paris ),
				arguments( "zone region UTC", ZoneId.of( "UTC" ) ),
				arguments( "zone region GMT+1", ZoneId.of( "GMT+01:00" ) ),
				arguments( "java.time enum", Month.MAY ),
				arguments( "day of week", DayOfWeek.SUNDAY )
		);
	}

	@SuppressWarnings("deprecation")
	static Stream<Arguments> legacyAndMisc() {
		Timestamp nanos = Timestamp.valueOf( "2024-02-29 12:34:56.123456789" );
		Timestamp beforeEpoch = new Timestamp( -1 );
		beforeEpoch.setNanos( 1 );
		GregorianCalendar calendar = new GregorianCalendar( TimeZone.getTimeZone( "America/New_York" ) );
		calendar.setFirstDayOfWeek( Calendar.MONDAY );
		calendar.setMinimalDaysInFirstWeek( 4 );
		calendar.setLenient( false );
		calendar.setTimeInMillis( 1_700_000_000_123L );
		return Stream.of(
				arguments( "date", new Date( 1_700_000_000_123L ) ),
				arguments( "date before epoch", new Date( -1 ) ),
				arguments( "timestamp nanos", nanos ),
				arguments( "timestamp before epoch", beforeEpoch ),
				arguments( "sql date", java.sql.Date.valueOf( "2024-02-29" ) ),
				arguments( "sql time", java.sql.Time.valueOf( "10:15:30" ) ),
				arguments( "calendar", calendar ),
				arguments( "uuid", new UUID( 0x0123456789abcdefL, 0xfedcba9876543210L ) ),
				arguments( "locale us", Locale.US ),
				arguments( "locale root", Locale.ROOT ),
				arguments( "locale script", Locale.forLanguageTag( "zh-Hant-TW" ) ),
				arguments( "locale extension", Locale.forLanguageTag( "de-DE-u-co-phonebk" ) ),
				arguments( "locale ja_JP_JP", new Locale( "ja", "JP", "JP" ) ),
				arguments( "locale th_TH_TH", new Locale( "th", "TH", "TH" ) ),
				arguments( "locale ill-formed variant", new Locale( "de", "", "x1" ) ),
				arguments( "currency", Currency.getInstance( "EUR" ) ),
				arguments( "currency no decimals", Currency.getInstance( "JPY" ) )
		);
	}

	static Stream<Arguments> arrays() {
		return Stream.of(
				arguments( "byte[] empty", new byte[0] ),
				arguments( "byte[]", new byte[] { 0, -1, 127, -128, 42 } ),
				arguments( "char[]", new char[] { 'a', '\uD83D', '\uDE00', '\uDC00', '\u0000' } ),
				arguments( "int[]", new int[] { Integer.MIN_VALUE, 0, Integer.MAX_VALUE } ),
				arguments( "long[]", new long[] { Long.MIN_VALUE, Long.MAX_VALUE } ),
				arguments( "short[]", new short[] { Short.MIN_VALUE, 1 } ),
				arguments( "boolean[]", new boolean[] { true, false } ),
				arguments( "float[]", new float[] { 1.1f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY } ),
				arguments( "double[]", new double[] { 0.1, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 2.0 } ),
				arguments( "Object[] empty", new Object[0] ),
				arguments( "Object[] mixed", new Object[] { 1L, "a", null, 2, new BigDecimal( "2.10" ) } ),
				arguments( "Object[] nested", new Object[] { new Object[] { 1, new Object[] { "deep" } }, new Serializable[] { 'c' } } ),
				arguments( "Serializable[]", new Serializable[] { 1L, "a", null, new Object[] { 1 } } ),
				arguments( "String[]", new String[] { "a", null, "" } ),
				arguments( "Integer[]", new Integer[] { 1, null, -1 } ),
				arguments( "Long[]", new Long[] { 1L, Long.MAX_VALUE } ),
				arguments( "enum array", new Color[] { Color.RED, Color.GREEN, null } ),
				arguments( "int[][]", new int[][] { { 1 }, { 2, 3 }, null } ),
				arguments( "String[][]", new String[][] { { "a" }, {} } ),
				arguments( "Object[][]", new Object[][] { { "a", 1 } } )
		);
	}

	static Stream<Arguments> collections() {
		Map<Object, Object> mixedKeys = new HashMap<>();
		mixedKeys.put( 1L, "long key" );
		mixedKeys.put( 1, "int key" );
		mixedKeys.put( "1", "string key" );
		mixedKeys.put( Color.RED, List.of( 1, 2 ) );
		mixedKeys.put( null, null );
		mixedKeys.put( new UUID( 1, 2 ), new Object[] { 'x' } );
		Map<String, Object> linked = new LinkedHashMap<>();
		linked.put( "z", 1 );
		linked.put( "a", 2 );
		linked.put( "m", Map.of( "nested", true ) );
		return Stream.of(
				arguments( "array list", new ArrayList<>( Arrays.asList( 1L, null, "a" ) ) ),
				arguments( "linked list", new LinkedList<>( List.of( 1, 2 ) ) ),
				arguments( "immutable empty list", List.of() ),
				arguments( "hash set", new HashSet<>( List.of( 1, 2L, "three" ) ) ),
				arguments( "linked hash set", new LinkedHashSet<>( List.of( "z", "a" ) ) ),
				arguments( "tree set", new TreeSet<>( List.of( 3, 1, 2 ) ) ),
				arguments( "hash map mixed keys", mixedKeys ),
				arguments( "linked hash map order", linked ),
				arguments( "tree map", new TreeMap<>( Map.of( "b", 2L, "a", 1L ) ) ),
				arguments( "structured cache entry", structuredEntry() )
		);
	}

	/** What StructuredCacheEntry.structure produces. */
	private static Map<String, Object> structuredEntry() {
		Map<String, Object> map = new HashMap<>();
		map.put( "_subclass", "com.example.Book" );
		map.put( "_version", 3 );
		map.put( "title", "Dune" );
		map.put( "price", new BigDecimal( "9.90" ) );
		map.put( "cover", LazyPropertyInitializer.UNFETCHED_PROPERTY );
		return map;
	}

	static Stream<Arguments> hibernateValues() {
		Serializable[] embeddable = new Serializable[] { "street", 12 };
		Serializable[] state = new Serializable[] {
				new Object[] { "Main St", 12, null },
				null,
				LazyPropertyInitializer.UNFETCHED_PROPERTY,
				PropertyAccessStrategyBackRefImpl.UNKNOWN,
				Color.GREEN,
				new BigDecimal( "19.990" ),
				LocalDateTime.of( 2024, 5, 6, 7, 8, 9, 123_000_000 ),
				new byte[] { 1, 2, 3 },
				embeddable,
				42L,
				HibernateFixtures.anyEntry( "com.example.Author", 7L )
		};
		return Stream.of(
				arguments( "entity entry mixed state", HibernateFixtures.entityEntry( state, "com.example.Book", 3 ) ),
				arguments( "entity entry unversioned", HibernateFixtures.entityEntry( new Serializable[] { "x" }, "com.example.Tag", null ) ),
				arguments( "entity entry timestamp version",
						HibernateFixtures.entityEntry( new Serializable[0], "com.example.Log", Timestamp.valueOf( "2024-01-01 00:00:00.000000001" ) ) ),
				arguments( "collection entry ids", HibernateFixtures.collectionEntry( new Serializable[] { 1L, 2L, 3L } ) ),
				arguments( "collection entry map state", HibernateFixtures.collectionEntry( new Serializable[] { "k1", 10, "k2", null } ) ),
				arguments( "collection entry empty", HibernateFixtures.collectionEntry( new Serializable[0] ) ),
				arguments( "query item", HibernateFixtures.queryItem( 1_700_000_000_000L, new ArrayList<>( Arrays.asList(
						new Object[] { 1L, "Dune", new BigDecimal( "9.90" ) },
						new Object[] { 2L, null, null },
						5L,
						2 ) ) ) ),
				arguments( "query item empty", HibernateFixtures.queryItem( -1L, new ArrayList<>() ) ),
				arguments( "any reference", HibernateFixtures.anyEntry( "com.example.Author", new Object[] { 1L, "x" } ) ),
				arguments( "lazy marker", LazyPropertyInitializer.UNFETCHED_PROPERTY ),
				arguments( "backref marker", PropertyAccessStrategyBackRefImpl.UNKNOWN )
		);
	}

	static Stream<Arguments> beans() {
		return Stream.of(
				arguments( "bean", new Money( new BigDecimal( "12.50" ), "EUR" ) ),
				arguments( "bean with nulls", new Money( null, null ) ),
				arguments( "bean in entity state", HibernateFixtures.entityEntry(
						new Serializable[] { new Money( new BigDecimal( "1.00" ), "USD" ) }, "com.example.Order", 1L ) ),
				arguments( "polymorphic bean property", new PolymorphicHolder( new Money( BigDecimal.TEN, "GBP" ) ) ),
				arguments( "polymorphic long property", new PolymorphicHolder( 5L ) ),
				arguments( "polymorphic string property", new PolymorphicHolder( "text" ) )
		);
	}

	@Test
	void markersInsideEntityStateComeBackAsTheSameInstances() {
		StandardCacheEntryImpl entry = HibernateFixtures.entityEntry(
				new Serializable[] { LazyPropertyInitializer.UNFETCHED_PROPERTY, PropertyAccessStrategyBackRefImpl.UNKNOWN },
				"com.example.Book", 1 );
		StandardCacheEntryImpl decoded = (StandardCacheEntryImpl) codec.decode( codec.encode( entry ), 0 );
		assertSame( LazyPropertyInitializer.UNFETCHED_PROPERTY, decoded.getDisassembledState()[0] );
		assertSame( PropertyAccessStrategyBackRefImpl.UNKNOWN, decoded.getDisassembledState()[1] );
	}

	@Test
	void enumConstantsComeBackAsTheSameInstances() {
		assertSame( Color.RED, codec.decode( codec.encode( Color.RED ), 0 ) );
		assertSame( Month.MAY, codec.decode( codec.encode( Month.MAY ), 0 ) );
	}

	@Test
	void decodesFromAnOffset() {
		byte[] encoded = codec.encode( new Object[] { 1, "a" } );
		byte[] framed = new byte[encoded.length + 5];
		framed[0] = (byte) 0xAC; // junk a caller's header might hold
		framed[1] = (byte) 0xED;
		System.arraycopy( encoded, 0, framed, 5, encoded.length );
		assertSameValue( new Object[] { 1, "a" }, codec.decode( framed, 5 ) );
	}

	@Test
	void nestingUpToTheLimitRoundTrips() {
		Object value = "leaf";
		for ( int i = 0; i < ValueCodec.MAX_DEPTH; i++ ) {
			value = new Object[] { value };
		}
		assertSameValue( value, codec.decode( codec.encode( value ), 0 ) );
	}

	@Test
	void isUsableFromManyThreads() throws InterruptedException {
		Object value = HibernateFixtures.entityEntry( new Serializable[] { 1, "a", Color.RED, new Money( BigDecimal.ONE, "EUR" ) }, "E", 1L );
		List<Throwable> failures = java.util.Collections.synchronizedList( new ArrayList<>() );
		List<Thread> threads = new ArrayList<>();
		for ( int t = 0; t < 8; t++ ) {
			Thread thread = new Thread( () -> {
				try {
					for ( int i = 0; i < 500; i++ ) {
						assertSameValue( value, codec.decode( codec.encode( value ), 0 ) );
					}
				}
				catch (Throwable e) {
					failures.add( e );
				}
			} );
			threads.add( thread );
			thread.start();
		}
		for ( Thread thread : threads ) {
			thread.join();
		}
		assertEquals( List.of(), failures );
	}
}
