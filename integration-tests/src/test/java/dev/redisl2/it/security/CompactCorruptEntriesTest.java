package dev.redisl2.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import dev.redisl2.hibernate.codec.CompactText;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Genre;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CorruptEntriesTest} for entry format 2: forged binary payloads behind a valid header are misses,
 * are replaced by the next load, and never make anyone load, initialise or construct the canary class.
 */
class CompactCorruptEntriesTest extends TwoNodeTestBase {

	private static final String CANARY = CanaryGuard.CANARY;
	private static final int SHORT_STRING = 0x80, INTEGER = 5, ENUM = 17, ENTITY = 22, JSON = 27;

	@RegisterExtension
	final CanaryGuard canary = new CanaryGuard();

	@Override
	protected Map<String, Object> settings() {
		return canary.settings();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {
			"the canary spelled out as the entity",
			"the canary spelled out as an enum",
			"the canary as a bean inside a JSON value",
			"a name code nobody maps",
			"a number where the title belongs",
			"truncated payload",
			"an LZ4 block claiming a huge length",
			"a malformed LZ4 block",
			"an unknown tag",
			"another ordinal than the constant's"
	})
	void forgedBinaryEntryIsAMissAndIsReplacedByTheNextLoad(String forgery) throws Exception {
		CorruptEntriesTest.assertForgedBookIsAMissAndReplaced( nodes, a, b, "isbn-forged2", genuine -> forge( forgery, genuine ), forgery );
	}

	// ---------------------------------------------------------------- forgeries of format 2's bytes

	private static byte[] forge(String forgery, byte[] genuine) {
		int payload = indexOf( genuine, new byte[] { '\n' } ) + 1;
		byte[] header = Arrays.copyOf( genuine, payload );
		byte[] body = Arrays.copyOfRange( genuine, payload, genuine.length );
		assertEquals( 0x02, body[0], "an uncompressed format-2 payload" );
		assertEquals( ENTITY, body[1] );
		byte[] title = concat( new byte[] { (byte) ( SHORT_STRING + "Genuine Title".length() ) }, "Genuine Title".getBytes( StandardCharsets.US_ASCII ) );
		int genreCode = CompactText.codeOf( Genre.class.getName() );
		int check = Genre.SCIENCE.name().hashCode() & 0xFFFF;
		byte[] genre = { ENUM, (byte) ( genreCode >>> 16 ), (byte) ( genreCode >>> 8 ), (byte) genreCode, (byte) Genre.SCIENCE.ordinal(),
				(byte) ( check >>> 8 ), (byte) check };
		return concat( header, switch ( forgery ) {
			case "the canary spelled out as the entity" ->
					concat( new byte[] { 0x02, ENTITY, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }, string( CANARY ), Arrays.copyOfRange( body, 5, body.length ) );
			case "the canary spelled out as an enum" ->
					replace( body, genre, concat( new byte[] { ENUM, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }, string( CANARY ), new byte[] { 0, 0, 0 } ) );
			case "the canary as a bean inside a JSON value" -> {
				byte[] json = ( "{\"bean\":[\"" + CANARY + "\",{\"name\":\"x\"}]}" ).getBytes( StandardCharsets.US_ASCII );
				yield replace( body, title, concat( new byte[] { JSON, (byte) json.length }, json ) );
			}
			case "a name code nobody maps" -> concat( new byte[] { 0x02, ENTITY, 0, 0, 1 }, Arrays.copyOfRange( body, 5, body.length ) );
			case "a number where the title belongs" -> replace( body, title, new byte[] { INTEGER, 84 } );
			case "truncated payload" -> Arrays.copyOf( body, body.length / 2 );
			case "an LZ4 block claiming a huge length" -> new byte[] { 0x03, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x10, 0 };
			case "a malformed LZ4 block" -> concat( new byte[] { 0x03, (byte) body.length }, new byte[] { (byte) 0xF0, 1, 2, 3, 4 } );
			case "an unknown tag" -> concat( new byte[] { 0x02, 99 }, Arrays.copyOfRange( body, 2, body.length ) );
			case "another ordinal than the constant's" -> replace( body, genre, new byte[] { genre[0], genre[1], genre[2], genre[3],
					(byte) ( ( Genre.SCIENCE.ordinal() + 1 ) % Genre.values().length ), genre[5], genre[6] } );
			default -> throw new IllegalArgumentException( forgery );
		} );
	}

	private static byte[] string(String s) {
		byte[] bytes = s.getBytes( StandardCharsets.US_ASCII );
		return concat( new byte[] { (byte) bytes.length }, bytes );
	}

	private static byte[] replace(byte[] body, byte[] what, byte[] with) {
		int at = indexOf( body, what );
		assertTrue( at >= 0, "the genuine payload holds the bytes to replace" );
		return concat( Arrays.copyOf( body, at ), with, Arrays.copyOfRange( body, at + what.length, body.length ) );
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer:
		for ( int i = 0; i + needle.length <= haystack.length; i++ ) {
			for ( int j = 0; j < needle.length; j++ ) {
				if ( haystack[i + j] != needle[j] ) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for ( byte[] part : parts ) {
			out.writeBytes( part );
		}
		return out.toByteArray();
	}
}
