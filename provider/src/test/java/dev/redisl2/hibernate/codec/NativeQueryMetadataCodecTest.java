package dev.redisl2.hibernate.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.type.BasicType;
import org.hibernate.type.spi.TypeConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The column metadata of a cached native query result (Hibernate's {@code CachedJdbcValuesMetadata}) round-trips
 * through our own format, its types rebuilt from the type configuration's registered descriptors; a corrupt or
 * foreign description is a {@link CorruptEntryException} (a miss), never another exception or a loaded class.
 */
class NativeQueryMetadataCodecTest {

	private static StandardServiceRegistry registry;
	private static TypeConfiguration types;
	private static ValueCodec codec;

	@BeforeAll
	static void typeConfiguration() {
		// a dialect and no JDBC access: the registries are built exactly as for a SessionFactory, without a database
		registry = new StandardServiceRegistryBuilder()
				.applySetting( "hibernate.dialect", "org.hibernate.dialect.H2Dialect" )
				.applySetting( "hibernate.boot.allow_jdbc_metadata_access", "false" )
				.applySetting( "hibernate.cache.region.factory_class", "org.hibernate.cache.internal.NoCachingRegionFactory" )
				.build();
		types = ( (org.hibernate.boot.spi.MetadataImplementor) new MetadataSources( registry ).buildMetadata() ).getTypeConfiguration();
		codec = new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST, NativeQueryMetadataCodecTest.class.getClassLoader(), types );
	}

	@AfterAll
	static void close() {
		StandardServiceRegistryBuilder.destroy( registry );
	}

	private static BasicType<?> type(Class<?> javaType, int jdbcCode) {
		return types.getBasicTypeRegistry().resolve( types.getJavaTypeRegistry().getDescriptor( javaType ),
				types.getJdbcTypeRegistry().getDescriptor( jdbcCode ) );
	}

	private static Object metadata(String[] names, BasicType<?>[] columnTypes, int[] indexes) {
		try {
			Class<?> type = Class.forName( NativeQueryMetadata.CLASS_NAME );
			var constructor = type.getDeclaredConstructor( String[].class, BasicType[].class, int[].class );
			return constructor.newInstance( names, columnTypes, indexes );
		}
		catch (ReflectiveOperationException e) {
			throw new AssertionError( e );
		}
	}

	private static Object field(Object metadata, String name) {
		try {
			Field field = metadata.getClass().getDeclaredField( name );
			field.setAccessible( true );
			return field.get( metadata );
		}
		catch (ReflectiveOperationException e) {
			throw new AssertionError( e );
		}
	}

	private static Object sample() {
		return metadata( new String[] { "ID", "NAME", null, "PRICE", "SEEN" },
				new BasicType<?>[] { type( Long.class, Types.BIGINT ), type( String.class, Types.VARCHAR ), null,
						type( java.math.BigDecimal.class, Types.NUMERIC ), type( java.time.LocalDateTime.class, Types.TIMESTAMP ) },
				new int[] { 0, 1, -1, 2, 3 } );
	}

	@Test
	void queryResultWithMetadataRoundTrips() {
		List<Object> results = new ArrayList<>();
		results.add( sample() );
		results.add( new Object[] { 1L, "Dune", new java.math.BigDecimal( "9.90" ), java.time.LocalDateTime.of( 2024, 1, 2, 3, 4 ) } );
		results.add( 1 ); // Hibernate ends the list with the result count
		Object item = HibernateFixtures.queryItem( 42L, results );

		Object back = codec.decode( codec.encode( item ), 0 );

		List<?> rows = (List<?>) HibernateFixtures.queryItemComponent( back, 1 );
		assertEquals( 3, rows.size() );
		Object metadata = rows.get( 0 );
		assertEquals( NativeQueryMetadata.CLASS_NAME, metadata.getClass().getName() );
		assertArrayEquals( new String[] { "ID", "NAME", null, "PRICE", "SEEN" }, (String[]) field( metadata, "columnNames" ) );
		assertArrayEquals( new int[] { 0, 1, -1, 2, 3 }, (int[]) field( metadata, "valueIndexesToCacheIndexes" ) );
		BasicType<?>[] original = (BasicType<?>[]) field( sample(), "types" );
		BasicType<?>[] rebuilt = (BasicType<?>[]) field( metadata, "types" );
		assertEquals( original.length, rebuilt.length );
		for ( int i = 0; i < original.length; i++ ) {
			if ( original[i] == null ) {
				assertNull( rebuilt[i] );
				continue;
			}
			// Hibernate compares the stored Java type by identity with the reader's
			assertSame( original[i].getJavaTypeDescriptor(), rebuilt[i].getJavaTypeDescriptor(), "column " + i );
			assertSame( original[i].getJdbcType(), rebuilt[i].getJdbcType(), "column " + i );
		}
		assertArrayEquals( (Object[]) results.get( 1 ), (Object[]) rows.get( 1 ) );
		assertEquals( 1, rows.get( 2 ) );
	}

	@Test
	void formatNamesTypesWithoutJavaSerialization() {
		String json = new String( codec.encode( sample() ), StandardCharsets.UTF_8 );
		assertTrue( json.startsWith( "{\"jm\":{\"cols\":[\"ID\",\"NAME\",null,\"PRICE\",\"SEEN\"],\"types\":[[\"java.lang.Long\","
				+ Types.BIGINT + "]" ), json );
		assertTrue( json.endsWith( ",\"idx\":[0,1,-1,2,3]}}" ), json );
	}

	@Test
	void withoutATypeConfigurationMetadataIsRefusedOnBothSides() {
		ValueCodec bare = new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST );
		assertThrows( UnsupportedValueException.class, () -> bare.encode( sample() ) );
		byte[] written = codec.encode( sample() );
		assertThrows( CorruptEntryException.class, () -> bare.decode( written, 0 ) );
	}

	@Test
	void corruptOrForeignDescriptionsAreMisses() {
		String valid = new String( codec.encode( sample() ), StandardCharsets.UTF_8 );
		List<String> corrupt = new ArrayList<>( List.of(
				// a class nobody registered, one that must never be loaded, a JDBC code nobody registered
				valid.replace( "java.lang.Long", "com.evil.Gadget" ),
				valid.replace( "java.lang.Long", "java.lang.Runtime" ),
				valid.replace( "java.lang.Long", "" ),
				valid.replace( "\"java.lang.Long\"," + Types.BIGINT, "\"java.lang.Long\",987654" ),
				valid.replace( "\"java.lang.Long\"," + Types.BIGINT, "\"java.lang.Long\",99999999999" ),
				valid.replace( "\"java.lang.Long\"," + Types.BIGINT, "\"java.lang.Long\",\"x\"" ),
				valid.replace( "\"java.lang.Long\"," + Types.BIGINT, "\"java.lang.Long\"," + Types.BIGINT + ",1" ),
				valid.replace( "[\"java.lang.Long\"," + Types.BIGINT + "]", "\"java.lang.Long\"" ),
				// names and types disagree, fields missing, unknown or repeated
				valid.replace( "\"cols\":[\"ID\",", "\"cols\":[" ),
				valid.replace( ",\"idx\":[0,1,-1,2,3]", "" ),
				valid.replace( "\"cols\"", "\"columns\"" ),
				valid.replace( "\"types\"", "\"kinds\"" ),
				valid.replace( "}}", ",\"idx\":[0]}}" ),
				valid.replace( "\"idx\":[0,", "\"idx\":[-2," ),
				valid.replace( "\"idx\":[0,", "\"idx\":[1e3," ),
				valid.replace( "\"cols\":[\"ID\"", "\"cols\":[7" ),
				"{\"jm\":[]}",
				"{\"jm\":null}",
				"{\"jm\":{}}",
				valid.substring( 0, valid.length() - 3 ) ) );
		// more columns than any select list
		corrupt.add( "{\"jm\":{\"cols\":[" + "\"c\",".repeat( NativeQueryMetadata.MAX_COLUMNS ) + "\"c\"],\"types\":[]}}" );
		for ( String json : corrupt ) {
			byte[] bytes = json.getBytes( StandardCharsets.UTF_8 );
			Exception e = assertThrows( Exception.class, () -> codec.decode( bytes, 0 ), json );
			assertInstanceOf( CorruptEntryException.class, e, json + " -> " + e );
		}
		assertEquals( Arrays.asList( (String[]) field( codec.decode( valid.getBytes( StandardCharsets.UTF_8 ), 0 ), "columnNames" ) ),
				Arrays.asList( "ID", "NAME", null, "PRICE", "SEEN" ), "the unchanged description still decodes" );
	}

	@Test
	void aCacheIndexPastTheRowsIsAMiss() {
		List<Object> results = new ArrayList<>();
		results.add( sample() ); // cache indexes up to 3: rows of 4 values
		results.add( new Object[] { 1L, "Dune", null } );
		results.add( 1 );
		byte[] narrow = codec.encode( HibernateFixtures.queryItem( 42L, results ) );
		assertThrows( CorruptEntryException.class, () -> codec.decode( narrow, 0 ) );
		results.set( 1, new Object[] { 1L, "Dune", null, null } );
		byte[] wide = codec.encode( HibernateFixtures.queryItem( 42L, results ) );
		assertEquals( 3, ( (List<?>) HibernateFixtures.queryItemComponent( codec.decode( wide, 0 ), 1 ) ).size() );
	}

	@Test
	void aTypeThatWouldNotComeBackIdenticallyIsNotCached() {
		// a Java type descriptor that is not the registered one for its class: the decoder could not return it
		var adHoc = new org.hibernate.type.descriptor.java.StringJavaType();
		BasicType<?> odd = new org.hibernate.type.internal.BasicTypeImpl<>( adHoc, types.getJdbcTypeRegistry().getDescriptor( Types.VARCHAR ) );
		Object metadata = metadata( new String[] { "X" }, new BasicType<?>[] { odd }, new int[] { 0 } );
		assertThrows( UnsupportedValueException.class, () -> codec.encode( metadata ) );
	}
}
