package dev.redisl2.hibernate.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.redisl2.hibernate.codec.InspectorFixtures;
import dev.redisl2.hibernate.entry.StoredEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryInspectorTest {

	@Test
	void printsAFormatTwoValueAsJson_withTheNamesItIsGiven(@TempDir Path dir) throws Exception {
		Path file = dir.resolve( "entry.bin" );
		Files.write( file, StoredEntry.value( 7, 9, "3", "aV6fZig", InspectorFixtures.compactEntityPayload() ) );
		String out = run( "--file", file.toString(), "--names", "dev.acme.Book," + InspectorFixtures.colorClass() );
		assertTrue( out.contains( "\"kind\":\"VALUE\"" ) && out.contains( "\"generation\":7" ) && out.contains( "\"format\":2" ), out );
		assertTrue( out.contains( "{\"E\":{\"sub\":\"dev.acme.Book\",\"ver\":3,\"state\":[\"Dune\",{\"enum\":[\""
				+ InspectorFixtures.colorClass() + "\",\"RED\"]},{\"dec\":\"9.90\"}]}}" ), out );
		String unnamed = run( "--file", file.toString() );
		assertTrue( java.util.regex.Pattern.compile( "\"sub\":\"#[0-9a-f]{6}\"" ).matcher( unnamed ).find(),
				"a code it cannot resolve prints as a code: " + unnamed );
	}

	@Test
	void printsLocksAndForeignBytesWithoutFailing(@TempDir Path dir) throws Exception {
		Path lock = dir.resolve( "lock.bin" );
		Files.writeString( lock, "L 1 2 - owner 5 1 0 0" );
		assertTrue( run( "--file", lock.toString() ).contains( "\"kind\":\"LOCK\"" ) );
		Path junk = dir.resolve( "junk.bin" );
		Files.write( junk, new byte[] { 'V', ' ', 1, 2, 3 } );
		assertTrue( run( "--file", junk.toString() ).contains( "foreign or corrupt" ) );
		Path damaged = dir.resolve( "damaged.bin" );
		Files.write( damaged, StoredEntry.value( 7, 9, "3", "aV6fZig", new byte[] { 2, 30 } ) );
		assertTrue( run( "--file", damaged.toString() ).contains( "\"payload\":null,\"error\"" ) );
	}

	@Test
	void withoutAKeyOrFileItPrintsItsUsage() throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals( 2, EntryInspector.run( new String[0], new PrintStream( new ByteArrayOutputStream() ), new PrintStream( err ) ) );
		assertTrue( err.toString( StandardCharsets.UTF_8 ).startsWith( "usage:" ) );
	}

	private static String run(String... args) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertEquals( 0, EntryInspector.run( args, new PrintStream( out, true, StandardCharsets.UTF_8 ), System.err ) );
		return out.toString( StandardCharsets.UTF_8 );
	}
}
