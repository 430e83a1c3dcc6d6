package dev.redisl2.hibernate.access;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Comparator;

import dev.redisl2.hibernate.codec.TypeAllowList;
import dev.redisl2.hibernate.codec.ValueCodec;

import org.junit.jupiter.api.Test;

class OpaqueVersionsTest {

	private final ValueCodec codec = new ValueCodec( TypeAllowList.builtIn() );
	/** SQL Server's rowversion order: unsigned, byte by byte. */
	private final Comparator<Object> rowVersion = (a, b) -> Arrays.compareUnsigned( (byte[]) a, (byte[]) b );

	@Test
	void luaComparableVersions_stayDecimal_othersBecomeOpaqueText() {
		assertEquals( "-", OpaqueVersions.text( null, codec ) );
		assertEquals( "42", OpaqueVersions.text( 42L, codec ) );
		String text = OpaqueVersions.text( new byte[] { 0, 0, 0, 1 }, codec );
		assertTrue( text.startsWith( "?" ), text );
		assertFalse( text.contains( " " ) || text.contains( "\n" ), "must fit in a header field: " + text );
	}

	@Test
	void newer_decodesTheCachedVersionAndAsksTheComparator() {
		String cached = OpaqueVersions.text( new byte[] { 0, 0, 0, (byte) 0x80 }, codec );
		assertTrue( OpaqueVersions.newer( cached, new byte[] { 0, 0, 1, 0 }, rowVersion, codec ) );
		assertFalse( OpaqueVersions.newer( cached, new byte[] { 0, 0, 0, (byte) 0x80 }, rowVersion, codec ), "equal is not newer" );
		assertFalse( OpaqueVersions.newer( cached, new byte[] { 0, 0, 0, 0x7f }, rowVersion, codec ), "unsigned order: 0x7f < 0x80" );
	}

	@Test
	void anythingUnreadable_refusesThePut() {
		assertFalse( OpaqueVersions.newer( "?not-base64!", new byte[] { 1 }, rowVersion, codec ) );
		assertFalse( OpaqueVersions.newer( "?" + "e30", new byte[] { 1 }, rowVersion, codec ), "valid base64 of foreign JSON" );
		assertFalse( OpaqueVersions.newer( "17", new byte[] { 1 }, rowVersion, codec ), "a decimal version is Lua's to compare" );
		assertFalse( OpaqueVersions.newer( OpaqueVersions.text( "a string", codec ), new byte[] { 1 }, rowVersion, codec ),
				"a comparator that cannot take the cached type" );
		assertFalse( OpaqueVersions.newer( OpaqueVersions.text( new byte[] { 1 }, codec ), new byte[] { 2 }, null, codec ) );
	}
}
