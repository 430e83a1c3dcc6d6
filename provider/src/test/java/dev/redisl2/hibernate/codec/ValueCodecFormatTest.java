package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.redisl2.hibernate.codec.fixtures.Color;
import dev.redisl2.hibernate.codec.fixtures.Money;
import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pins the wire format: entries outlive deployments, so a change here must be deliberate. */
class ValueCodecFormatTest {

	private final ValueCodec codec = new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST );

	private String json(Object value) {
		return new String( codec.encode( value ), StandardCharsets.UTF_8 );
	}

	@Test
	void naturalJsonForUnambiguousTypes() {
		assertEquals( "null", json( null ) );
		assertEquals( "\"x\"", json( "x" ) );
		assertEquals( "true", json( true ) );
		assertEquals( "-5", json( -5L ) );
		assertEquals( "9223372036854775807", json( Long.MAX_VALUE ) );
		assertEquals( "1.5", json( 1.5d ) );
		assertEquals( "3.0", json( 3.0d ) );
	}

	@Test
	void taggedScalars() {
		assertEquals( "{\"i\":5}", json( 5 ) );
		assertEquals( "{\"sh\":5}", json( (short) 5 ) );
		assertEquals( "{\"by\":-1}", json( (byte) -1 ) );
		assertEquals( "{\"f\":1.5}", json( 1.5f ) );
		assertEquals( "{\"f\":\"NaN\"}", json( Float.NaN ) );
		assertEquals( "{\"d\":\"-0.0\"}", json( -0.0d ) );
		assertEquals( "{\"d\":\"NaN\"}", json( Double.NaN ) );
		assertEquals( "{\"d\":\"-Infinity\"}", json( Double.NEGATIVE_INFINITY ) );
		assertEquals( "{\"dec\":\"1.50\"}", json( new BigDecimal( "1.50" ) ) );
		assertEquals( "{\"c\":\"x\"}", json( 'x' ) );
		assertEquals( "{\"uuid\":\"00000000-0000-0001-0000-000000000002\"}", json( new UUID( 1, 2 ) ) );
		assertEquals( "{\"b64\":\"AAEC\"}", json( new byte[] { 0, 1, 2 } ) );
		assertEquals( "{\"inst\":\"2024-01-01T00:00:00.000000001Z\"}", json( Instant.parse( "2024-01-01T00:00:00.000000001Z" ) ) );
		assertEquals( "{\"ldt\":\"2024-05-06T07:08:09.123\"}", json( LocalDateTime.of( 2024, 5, 6, 7, 8, 9, 123_000_000 ) ) );
		Timestamp timestamp = new Timestamp( 1_700_000_000_123L );
		timestamp.setNanos( 123_456_789 );
		assertEquals( "{\"ts\":[1700000000123,123456789]}", json( timestamp ) );
	}

	@Test
	void enumsNameTheirDeclaringClass() {
		assertEquals( "{\"enum\":[\"java.time.Month\",\"MAY\"]}", json( Month.MAY ) );
		// RED has a body, so its runtime class is Color$1; the name written must still be Color's.
		assertEquals( "{\"enum\":[\"" + Color.class.getName() + "\",\"RED\"]}", json( Color.RED ) );
	}

	@Test
	void containers() {
		assertEquals( "{\"arr\":[1,\"a\",null]}", json( new Object[] { 1L, "a", null } ) );
		assertEquals( "{\"sarr\":[{\"i\":1}]}", json( new Serializable[] { 1 } ) );
		assertEquals( "{\"tarr\":[\"java.lang.String\",[\"a\"]]}", json( new String[] { "a" } ) );
		assertEquals( "{\"ia\":[1,2]}", json( new int[] { 1, 2 } ) );
		assertEquals( "{\"list\":[1,{\"i\":2}]}", json( new ArrayList<>( List.of( 1L, 2 ) ) ) );
		Map<Object, Object> map = new LinkedHashMap<>();
		map.put( 1, "a" );
		map.put( "b", null );
		assertEquals( "{\"map\":[[{\"i\":1},\"a\"],[\"b\",null]]}", json( map ) );
		assertEquals( "{\"mark\":\"unfetched\"}", json( LazyPropertyInitializer.UNFETCHED_PROPERTY ) );
	}

	@Test
	void hibernateEntries() {
		Serializable[] state = { "Dune", new BigDecimal( "9.90" ), LazyPropertyInitializer.UNFETCHED_PROPERTY, new Object[] { "Main St", 12 } };
		assertEquals(
				"{\"E\":{\"sub\":\"com.x.Book\",\"ver\":{\"i\":3},\"state\":[\"Dune\",{\"dec\":\"9.90\"},{\"mark\":\"unfetched\"},{\"arr\":[\"Main St\",{\"i\":12}]}]}}",
				json( HibernateFixtures.entityEntry( state, "com.x.Book", 3 ) ) );
		assertEquals( "{\"C\":[1,2]}", json( HibernateFixtures.collectionEntry( new Serializable[] { 1L, 2L } ) ) );
		assertEquals(
				"{\"Q\":{\"ts\":123,\"rows\":[{\"arr\":[1,\"a\"]},5,{\"i\":2}]}}",
				json( HibernateFixtures.queryItem( 123L, new ArrayList<>( Arrays.asList( new Object[] { 1L, "a" }, 5L, 2 ) ) ) ) );
		assertEquals( "{\"any\":[\"com.x.Author\",7]}", json( HibernateFixtures.anyEntry( "com.x.Author", 7L ) ) );
	}

	@Test
	void beansCarryTheirClassName() {
		assertEquals( "{\"bean\":[\"" + Money.class.getName() + "\",{\"amount\":1.50,\"currency\":\"EUR\"}]}",
				json( new Money( new BigDecimal( "1.50" ), "EUR" ) ) );
	}

	@Test
	void writesRawUtf8WithoutWhitespace() {
		assertArrayEquals( new byte[] { '"', (byte) 0xC3, (byte) 0xA9, '"' }, codec.encode( "é" ) );
	}
}
