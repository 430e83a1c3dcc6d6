package dev.redisl2.hibernate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.hibernate.config.InvalidSettingException;
import dev.redisl2.hibernate.config.ProviderSettings;
import dev.redisl2.hibernate.config.SettingsReader;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code: the settings the provider knows (the names its fail-fast check
 * accepts, from {@link RedisCacheSettings}) are exactly the ones documented; each documented default is the
 * value the reader applies when the setting is absent; each documented setting is read (its example
 * changes the parsed settings, or is refused naming it when it needs an instance or a file).
 */
class ConfigurationDocTest {

	private static final Pattern CODE = Pattern.compile( "`([^`]*)`" );
	private static final String REGION = "region.<region>.";

	/** One row of the "Every setting" table. */
	record Row(String name, String defaultCell, String exampleCell) {

		boolean perRegion() {
			return name.startsWith( REGION );
		}

		String fullName() {
			return RedisCacheSettings.PREFIX + name.replace( "<region>", "Book" );
		}
	}

	static List<Row> documentedRows() {
		String text = RepositoryDocs.read( RepositoryDocs.root().resolve( "docs/configuration.md" ) );
		List<String> lines = Markdown.proseLines( text );
		List<Row> rows = new ArrayList<>();
		int header = -1;
		for ( int i = 0; i < lines.size(); i++ ) {
			if ( Markdown.isTableRow( lines.get( i ) ) && Markdown.cells( lines.get( i ) ).equals( List.of( "setting", "default", "unit", "example", "meaning" ) ) ) {
				header = i;
				break;
			}
		}
		assertTrue( header >= 0, "docs/configuration.md has no table with columns setting | default | unit | example | meaning" );
		for ( int i = header + 2; i < lines.size() && Markdown.isTableRow( lines.get( i ) ); i++ ) {
			List<String> cells = Markdown.cells( lines.get( i ) );
			Matcher name = CODE.matcher( cells.get( 0 ) );
			assertTrue( name.matches(), "the setting column holds one `name`: " + lines.get( i ) );
			rows.add( new Row( name.group( 1 ), cells.get( 1 ), cells.get( 3 ) ) );
		}
		return rows;
	}

	/** The names the provider accepts: its fail-fast list is built from these constants. */
	static Set<String> knownSettings() throws IllegalAccessException {
		Set<String> known = new TreeSet<>();
		for ( Field field : RedisCacheSettings.class.getFields() ) {
			if ( field.get( null ) instanceof String value && value.startsWith( RedisCacheSettings.PREFIX )
					&& !value.equals( RedisCacheSettings.PREFIX ) && !value.equals( RedisCacheSettings.REGION_PREFIX ) ) {
				known.add( value.substring( RedisCacheSettings.PREFIX.length() ) );
			}
		}
		return known;
	}

	static Set<String> knownRegionSettings() throws IllegalAccessException {
		Set<String> known = new TreeSet<>();
		for ( Field field : RedisCacheSettings.class.getFields() ) {
			if ( field.getName().startsWith( "REGION_" ) && field.getName().endsWith( "_SUFFIX" ) ) {
				known.add( "region.<region>" + field.get( null ) );
			}
		}
		return known;
	}

	@Test
	void everySettingTheProviderReadsIsDocumented_andNothingElse() throws IllegalAccessException {
		Set<String> documented = new TreeSet<>();
		Set<String> documentedPerRegion = new TreeSet<>();
		for ( Row row : documentedRows() ) {
			( row.perRegion() ? documentedPerRegion : documented ).add( row.name() );
		}
		assertEquals( knownSettings(), documented, "global settings in RedisCacheSettings vs docs/configuration.md" );
		assertEquals( knownRegionSettings(), documentedPerRegion, "per-region settings in RedisCacheSettings vs docs/configuration.md" );
	}

	@Test
	void everyDocumentedDefaultIsTheOneTheCodeApplies() {
		ProviderSettings defaults = SettingsReader.read( Map.of() );
		List<String> wrong = new ArrayList<>();
		Set<String> globals = new TreeSet<>();
		documentedRows().stream().filter( r -> !r.perRegion() ).forEach( r -> globals.add( r.name() ) );
		for ( Row row : documentedRows() ) {
			String cell = row.defaultCell();
			if ( row.perRegion() ) {
				String global = row.name().substring( REGION.length() );
				if ( !cell.equals( "`" + global + "`" ) || !globals.contains( global ) ) {
					wrong.add( row.name() + ": a per-region default must name its global setting `" + global + "`, was " + cell );
				}
				continue;
			}
			if ( cell.startsWith( "—" ) ) {
				continue; // unset unless given
			}
			Matcher literal = CODE.matcher( cell );
			if ( !literal.matches() ) {
				wrong.add( row.name() + ": the default must be one `literal` or start with —, was " + cell );
				continue;
			}
			try {
				ProviderSettings withDefault = SettingsReader.read( Map.of( row.fullName(), literal.group( 1 ) ) );
				if ( !withDefault.equals( defaults ) ) {
					wrong.add( row.name() + ": documented default " + cell + " is not what the code applies when it is absent" );
				}
			}
			catch (InvalidSettingException e) {
				wrong.add( row.name() + ": documented default " + cell + " is refused: " + e.getMessage() );
			}
		}
		assertEquals( List.of(), wrong );
	}

	@Test
	void everyDocumentedSettingIsRead_itsExampleChangesWhatIsParsed() {
		ProviderSettings defaults = SettingsReader.read( Map.of() );
		List<String> unread = new ArrayList<>();
		for ( Row row : documentedRows() ) {
			Matcher example = CODE.matcher( row.exampleCell() );
			if ( !example.find() ) {
				unread.add( row.name() + ": no `example`" );
				continue;
			}
			try {
				if ( SettingsReader.read( Map.of( row.fullName(), example.group( 1 ) ) ).equals( defaults ) ) {
					unread.add( row.name() + ": setting it to " + example.group( 1 ) + " changes nothing the provider parses" );
				}
			}
			catch (InvalidSettingException e) {
				// an instance or a file the test cannot supply: refused, but by name, so it is read
				if ( !e.getMessage().contains( row.fullName() ) ) {
					unread.add( row.name() + ": its example is refused without naming it: " + e.getMessage() );
				}
			}
		}
		assertEquals( List.of(), unread );
	}

	@Test
	void theChecksNoticeADefaultThatDrifted() {
		// ttl defaults to 1h: a document claiming 2h must be caught by the comparison above
		ProviderSettings defaults = SettingsReader.read( Map.of() );
		assertNotEquals( defaults, SettingsReader.read( Map.of( RedisCacheSettings.TTL, "2h" ) ) );
		assertEquals( defaults, SettingsReader.read( Map.of( RedisCacheSettings.TTL, "1h" ) ) );
		if ( documentedRows().isEmpty() ) {
			fail( "no rows parsed" );
		}
	}
}
