package dev.redisl2.hibernate.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.redisl2.hibernate.codec.fixtures.Color;
import dev.redisl2.hibernate.codec.fixtures.Money;
import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Whatever the bytes, decode answers a value or a CorruptEntryException: never another exception. */
class ValueCodecCorruptInputTest {

	private final ValueCodec codec = new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST );

	private void assertCorrupt(byte[] bytes) {
		assertThrows( CorruptEntryException.class, () -> codec.decode( bytes, 0 ) );
	}

	private void assertCorrupt(String json) {
		assertCorrupt( json.getBytes( StandardCharsets.UTF_8 ) );
	}

	private static Object entityEntry() {
		Serializable[] state = {
				new Object[] { "Main St", 12, null }, null, LazyPropertyInitializer.UNFETCHED_PROPERTY, Color.RED,
				new BigDecimal( "19.990" ), LocalDateTime.of( 2024, 5, 6, 7, 8, 9 ), new byte[] { 1, 2, 3 },
				new Money( BigDecimal.ONE, "EUR" )
		};
		return HibernateFixtures.entityEntry( state, "com.example.Book", 3 );
	}

	@Test
	void randomBytes() {
		Random random = new Random( 20240229L );
		for ( int i = 0; i < 1000; i++ ) {
			byte[] bytes = new byte[1 + random.nextInt( 64 )];
			random.nextBytes( bytes );
			// Random bytes are a complete JSON value only by freak chance (a lone digit); make that impossible.
			if ( bytes.length == 1 ) {
				bytes = new byte[] { bytes[0], '{' };
			}
			assertCorrupt( bytes );
		}
	}

	@Test
	void everyTruncation() {
		byte[] encoded = codec.encode( entityEntry() );
		for ( int cut = 0; cut < encoded.length; cut++ ) {
			assertCorrupt( Arrays.copyOf( encoded, cut ) );
		}
	}

	@Test
	void mutationsNeverEscapeAsOtherExceptions() {
		Map<Object, Object> map = new HashMap<>();
		map.put( 1, List.of( 'c', 2.5f, new int[] { 1 } ) );
		List<byte[]> valid = List.of(
				codec.encode( entityEntry() ),
				codec.encode( map ),
				codec.encode( HibernateFixtures.queryItem( 5L, new ArrayList<>( List.of( new Object[] { 1L, "x" }, 3 ) ) ) ) );
		Random random = new Random( 7L );
		for ( int i = 0; i < 3000; i++ ) {
			byte[] bytes = valid.get( i % valid.size() ).clone();
			int flips = 1 + random.nextInt( 3 );
			for ( int f = 0; f < flips; f++ ) {
				bytes[random.nextInt( bytes.length )] = (byte) random.nextInt( 256 );
			}
			try {
				codec.decode( bytes, 0 );
			}
			catch (CorruptEntryException expected) {
				// the only acceptable failure
			}
		}
	}

	@Test
	void javaSerializedBytes() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try ( ObjectOutputStream out = new ObjectOutputStream( bytes ) ) {
			out.writeObject( new HashMap<>( Map.of( "a", 1 ) ) );
		}
		assertCorrupt( bytes.toByteArray() );
	}

	@Test
	void foreignEncodingsAndFraming() {
		assertCorrupt( "{\"i\":1}".getBytes( StandardCharsets.UTF_16BE ) );
		assertCorrupt( "{\"i\":1}".getBytes( StandardCharsets.UTF_16LE ) );
		assertCorrupt( new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1' } );
		assertCorrupt( new byte[0] );
		assertThrows( CorruptEntryException.class, () -> codec.decode( null, 0 ) );
		assertThrows( CorruptEntryException.class, () -> codec.decode( new byte[] { '1' }, 1 ) );
		assertThrows( CorruptEntryException.class, () -> codec.decode( new byte[] { '1' }, -1 ) );
	}

	@ParameterizedTest
	@ValueSource(strings = {
			" ", "nul", "\"unterminated", "NaN", "[1]", "{}", "1 2", "{\"i\":1}x", "{\"i\":1} {\"i\":2}", "01",
			"99999999999999999999", "{\"i\":1,\"x\":2}", "{\"zz\":1}", "{\"i\":2147483648}", "{\"i\":1.0}", "{\"i\":\"1\"}",
			"{\"sh\":40000}", "{\"by\":128}", "{\"f\":\"x\"}", "{\"f\":1}", "{\"d\":\"1.5\"}", "{\"d\":1.5}", "{\"c\":\"ab\"}", "{\"c\":\"\"}",
			"{\"uuid\":\"1-1-1-1-1\"}", "{\"uuid\":\"zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz\"}", "{\"dec\":\"abc\"}", "{\"bi\":\"1.5\"}",
			"{\"b64\":\"!!\"}", "{\"inst\":\"yesterday\"}", "{\"ld\":\"2023-02-29\"}", "{\"zid\":\"Mars/Olympus\"}",
			"{\"zo\":\"+25:00\"}", "{\"cur\":\"XYZ1\"}", "{\"yr\":1000000000}", "{\"ts\":[1,1000000000]}", "{\"ts\":[1]}",
			"{\"ts\":[1,2,3]}", "{\"cal\":[0,\"Nowhere/City\",1,1,true]}", "{\"cal\":[0,\"UTC\",8,1,true]}", "{\"loc\":[\"en\"]}",
			"{\"ia\":[1.5]}", "{\"sa\":[40000]}", "{\"za\":[1]}", "{\"da\":[1]}", "{\"fa\":[\"x\"]}",
			"{\"mark\":\"other\"}", "{\"mark\":1}", "{\"arr\":{}}", "{\"arr\":[1,]}", "{\"set\":[1,1]}",
			"{\"map\":[[1,2],[1,3]]}", "{\"map\":[[1]]}", "{\"map\":[[1,2,3]]}", "{\"map\":{\"a\":1}}",
			"{\"E\":{\"sub\":\"x\",\"state\":[]}}", "{\"E\":{\"sub\":\"x\",\"ver\":null,\"state\":[],\"extra\":1}}",
			"{\"E\":{\"sub\":\"x\",\"sub\":\"y\",\"ver\":null,\"state\":[]}}", "{\"E\":{\"sub\":1,\"ver\":null,\"state\":[]}}",
			"{\"E\":{\"sub\":\"x\",\"ver\":null,\"state\":[{\"bean\":[\"dev.redisl2.hibernate.codec.fixtures.PolymorphicHolder\",{}]}]}}",
			"{\"C\":{}}", "{\"C\":[{\"list\":[1]},{\"bean\":[\"dev.redisl2.hibernate.codec.fixtures.PolymorphicHolder\",{}]}]}",
			"{\"Q\":{\"ts\":1}}", "{\"Q\":{\"rows\":[]}}", "{\"Q\":{\"ts\":1.5,\"rows\":[]}}", "{\"any\":[\"x\"]}",
			"{\"enum\":[\"java.time.Month\",\"SMARCH\"]}", "{\"enum\":[\"java.lang.String\",\"A\"]}", "{\"enum\":[\"java.time.Month\"]}",
			"{\"enum\":[\"no.such.Enum\",\"A\"]}", "{\"enum\":[\"java.lang.Runtime\",\"A\"]}",
			"{\"tarr\":[\"java.lang.String\",[1]]}", "{\"tarr\":[\"int\",[]]}", "{\"tarr\":[\"[Lcom.evil.X;\",[]]}",
			"{\"tarr\":[\"java.lang.Thread\",[]]}", "{\"tarr\":[\"[[I\",[{\"la\":[1]}]]}",
			"{\"bean\":[\"java.lang.Object\",{}]}", "{\"bean\":[\"java.lang.String\",\"x\"]}",
			"{\"bean\":[\"dev.redisl2.hibernate.codec.fixtures.Money\",null]}",
			"{\"bean\":[\"dev.redisl2.hibernate.codec.fixtures.Money\",{\"unknown\":1}]}",
			"{\"bean\":[\"dev.redisl2.hibernate.codec.fixtures.Money\",{\"amount\":1,\"amount\":2}]}",
			"{\"bean\":[\"dev.redisl2.hibernate.codec.fixtures.Money\",{}, 1]}",
			"{\"bean\":[\"org.hibernate.cache.spi.entry.StandardCacheEntryImpl\",{}]}"
	})
	void malformedOrForeignJson(String json) {
		assertCorrupt( json );
	}

	@Test
	void numbersTooLongToParseCheaply() {
		assertCorrupt( "{\"bi\":\"" + "9".repeat( NumberScalars.MAX_DECIMAL_LENGTH + 1 ) + "\"}" );
	}

	@Test
	void nestingBeyondTheLimit() {
		String tooDeep = "{\"list\":[".repeat( ValueCodec.MAX_DEPTH + 1 ) + "]}".repeat( ValueCodec.MAX_DEPTH + 1 );
		assertCorrupt( tooDeep );
		String hostile = "{\"arr\":[".repeat( 100_000 );
		assertCorrupt( hostile );
	}
}
