package dev.redisl2.hibernate.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.type.BasicType;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.spi.TypeConfiguration;

/**
 * The column metadata Hibernate stores as the first element of a cached native query result
 * ({@code CachedJdbcValuesMetadata}: column names, one basic type per column, and since 7.4 the mapping of
 * result positions to cached positions). The only Hibernate-version-specific part of carrying it.
 * <p>
 * A type is described by what identifies it in this SessionFactory's {@link TypeConfiguration}: the name of its
 * Java type and the code of its JDBC type. Decoding looks both up among the descriptors Hibernate has already
 * registered, never loading a class by name, and rebuilds the type the way Hibernate resolves a native query's
 * column type ({@code BasicTypeRegistry.resolve(JavaType, JdbcType)}). Encoding refuses a type that this lookup
 * would not give back identically (a dialect-specific JDBC type, an ad-hoc Java type): such a result is then
 * not cached, rather than cached in a form that would come back different.
 */
final class NativeQueryMetadata {

	static final String CLASS_NAME = "org.hibernate.sql.results.jdbc.internal.CachedJdbcValuesMetadata";

	/** Far above any real select list; bounds what a forged entry can make the decoder allocate. */
	static final int MAX_COLUMNS = 4096;

	/** What is written: names and indexes may be null where Hibernate has none. */
	record Description(String[] columnNames, TypeRef[] types, int[] cacheIndexes) {
	}

	/** A basic type by its Java type's name and its JDBC type code. */
	record TypeRef(String javaTypeName, int jdbcTypeCode) {
	}

	private final TypeConfiguration types;
	private final Class<?> metadataType;
	private final Field columnNames;
	private final Field basicTypes;
	/** Null on Hibernate versions whose metadata has no such mapping (before 7.4). */
	private final Field cacheIndexes;
	private final Constructor<?> constructor;
	private final Map<String, JavaType<?>> javaTypesByName = new ConcurrentHashMap<>();

	/**
	 * @param types the SessionFactory's type configuration; null where there is none (codec unit tests), and then
	 * such metadata is neither written nor read
	 */
	NativeQueryMetadata(TypeConfiguration types) {
		this.types = types;
		Shape shape = Shape.of( BasicType.class.getClassLoader() );
		metadataType = shape == null ? null : shape.type();
		columnNames = shape == null ? null : shape.columnNames();
		basicTypes = shape == null ? null : shape.basicTypes();
		cacheIndexes = shape == null ? null : shape.cacheIndexes();
		constructor = shape == null ? null : shape.constructor();
	}

	/**
	 * How this Hibernate shapes the metadata class. Null when it has none, or one shaped otherwise: then such
	 * metadata is refused like any class off the allow-list (native results are not cached), which costs the
	 * native query cache only, where failing would cost every cached entity.
	 */
	private record Shape(Class<?> type, Field columnNames, Field basicTypes, Field cacheIndexes, Constructor<?> constructor) {

		static Shape of(ClassLoader loader) {
			try {
				Class<?> type = Class.forName( CLASS_NAME, false, loader );
				Field names = accessible( type.getDeclaredField( "columnNames" ) );
				Field basicTypes = accessible( type.getDeclaredField( "types" ) );
				if ( names.getType() != String[].class || basicTypes.getType() != BasicType[].class ) {
					return null;
				}
				Field indexes = optionalField( type, "valueIndexesToCacheIndexes" );
				Constructor<?> constructor = accessible( indexes != null
						? type.getDeclaredConstructor( String[].class, BasicType[].class, int[].class )
						: type.getDeclaredConstructor( String[].class, BasicType[].class ) );
				return new Shape( type, names, basicTypes, indexes, constructor );
			}
			catch (ReflectiveOperationException | RuntimeException e) {
				return null;
			}
		}
	}

	boolean isMetadata(Class<?> type) {
		return type == metadataType && metadataType != null;
	}

	/** @throws UnsupportedValueException when a column's type would not come back identically */
	Description describe(Object metadata) {
		requireTypes();
		String[] names = (String[]) read( columnNames, metadata );
		BasicType<?>[] columnTypes = (BasicType<?>[]) read( basicTypes, metadata );
		int[] indexes = cacheIndexes == null ? null : (int[]) read( cacheIndexes, metadata );
		TypeRef[] refs = new TypeRef[columnTypes.length];
		for ( int i = 0; i < columnTypes.length; i++ ) {
			BasicType<?> type = columnTypes[i];
			if ( type == null ) {
				continue;
			}
			TypeRef ref = new TypeRef( type.getJavaTypeDescriptor().getJavaType().getTypeName(),
					type.getJdbcType().getDefaultSqlTypeCode() );
			BasicType<?> rebuilt = resolve( ref );
			if ( rebuilt == null || rebuilt.getJavaTypeDescriptor() != type.getJavaTypeDescriptor()
					|| rebuilt.getJdbcType() != type.getJdbcType() ) {
				throw new UnsupportedValueException( "Native query column of type " + type.getName()
						+ " (Java " + ref.javaTypeName() + ", JDBC type " + ref.jdbcTypeCode()
						+ ") cannot be described by registered types" );
			}
			refs[i] = ref;
		}
		return new Description( names, refs, indexes );
	}

	/** @throws CorruptEntryException when the description does not fit this Hibernate or names unknown types */
	Object rebuild(Description description) {
		if ( types == null || metadataType == null ) {
			throw Json.corrupt( "native query metadata where none can be rebuilt" );
		}
		if ( ( description.cacheIndexes() == null ) != ( cacheIndexes == null ) ) {
			throw Json.corrupt( "native query metadata of another Hibernate version" );
		}
		if ( description.columnNames().length != description.types().length ) {
			throw Json.corrupt( "native query metadata with " + description.columnNames().length + " names and "
					+ description.types().length + " types" );
		}
		BasicType<?>[] rebuilt = new BasicType<?>[description.types().length];
		for ( int i = 0; i < rebuilt.length; i++ ) {
			TypeRef ref = description.types()[i];
			if ( ref != null ) {
				rebuilt[i] = resolve( ref );
				if ( rebuilt[i] == null ) {
					throw Json.corrupt( "native query column type not registered here: " + ref );
				}
			}
		}
		try {
			return cacheIndexes != null
					? constructor.newInstance( description.columnNames(), rebuilt, description.cacheIndexes() )
					: constructor.newInstance( description.columnNames(), rebuilt );
		}
		catch (ReflectiveOperationException e) {
			throw new CorruptEntryException( "Cannot rebuild native query metadata", e );
		}
	}

	/**
	 * A cached native result is [metadata, rows..., count]; Hibernate reads row values at the metadata's cache
	 * indexes without bounds checks, so an index past a row would throw inside the query rather than miss.
	 *
	 * @throws CorruptEntryException when an index points outside a row
	 */
	void checkRows(List<?> results) {
		if ( cacheIndexes == null || results.isEmpty() || !isMetadata( classOf( results.get( 0 ) ) ) ) {
			return;
		}
		int[] indexes = (int[]) read( cacheIndexes, results.get( 0 ) );
		int highest = -1;
		for ( int index : indexes ) {
			highest = Math.max( highest, index );
		}
		for ( int i = 1; i < results.size() - 1; i++ ) {
			int width = results.get( i ) instanceof Object[] row ? row.length : 1;
			if ( highest >= width ) {
				throw Json.corrupt( "native query row narrower than its metadata's cache index " + highest );
			}
		}
	}

	private static Class<?> classOf(Object value) {
		return value == null ? null : value.getClass();
	}

	private BasicType<?> resolve(TypeRef ref) {
		JavaType<?> javaType = javaType( ref.javaTypeName() );
		JdbcType jdbcType = javaType == null ? null : types.getJdbcTypeRegistry().findDescriptor( ref.jdbcTypeCode() );
		return jdbcType == null ? null : types.getBasicTypeRegistry().resolve( javaType, jdbcType );
	}

	/** A registered Java type descriptor by its type's name: the registry is scanned, no class is loaded. */
	private JavaType<?> javaType(String name) {
		JavaType<?> known = javaTypesByName.get( name );
		if ( known == null ) {
			// descriptors registered since the last scan (the registry grows as types are first used)
			types.getJavaTypeRegistry().forEachDescriptor(
					descriptor -> javaTypesByName.putIfAbsent( descriptor.getJavaType().getTypeName(), descriptor ) );
			known = javaTypesByName.get( name );
		}
		return known;
	}

	private void requireTypes() {
		if ( types == null ) {
			throw new UnsupportedValueException( "Native query metadata needs the SessionFactory's type configuration" );
		}
	}

	private static Field optionalField(Class<?> type, String name) {
		try {
			Field field = accessible( type.getDeclaredField( name ) );
			return field.getType() == int[].class ? field : null;
		}
		catch (NoSuchFieldException e) {
			return null;
		}
	}

	private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
		member.setAccessible( true );
		return member;
	}

	private static Object read(Field field, Object target) {
		try {
			return field.get( target );
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException( "Cannot read " + field.getName(), e );
		}
	}
}
