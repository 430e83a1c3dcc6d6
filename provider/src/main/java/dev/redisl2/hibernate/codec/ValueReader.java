package dev.redisl2.hibernate.codec;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;

/**
 * Reads one value in the format described on {@link ValueCodec}. Strict: any shape the writer would not
 * produce is a {@link CorruptEntryException}, and every class named in the input goes through the
 * {@link ClassResolver} before anything loads it.
 */
final class ValueReader {

	private final TypeAllowList allowList;
	private final ClassResolver classes;
	private final HibernateEntries hibernate;
	private final ObjectMapper beans;
	private final NativeQueryMetadata nativeMetadata;

	ValueReader(TypeAllowList allowList, ClassResolver classes, HibernateEntries hibernate, ObjectMapper beans,
			NativeQueryMetadata nativeMetadata) {
		this.allowList = allowList;
		this.classes = classes;
		this.hibernate = hibernate;
		this.beans = beans;
		this.nativeMetadata = nativeMetadata;
	}

	/** Reads the value starting at the parser's current token and leaves the parser on its last token. */
	Object read(JsonParser in, int depth) throws IOException {
		JsonToken token = in.currentToken();
		if ( token == null ) {
			throw Json.corrupt( "truncated" );
		}
		return switch ( token ) {
			case VALUE_NULL -> null;
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_STRING -> in.getText();
			case VALUE_NUMBER_INT -> Long.valueOf( Json.longValue( in ) );
			case VALUE_NUMBER_FLOAT -> Double.valueOf( in.getDoubleValue() );
			case START_OBJECT -> readTagged( in, depth );
			default -> throw Json.corrupt( "unexpected " + token );
		};
	}

	private Object readTagged(JsonParser in, int depth) throws IOException {
		String tag = in.nextFieldName();
		if ( tag == null ) {
			throw Json.corrupt( "tagged value without a tag" );
		}
		Json.nextPresent( in );
		Object value = readBody( in, tag, depth );
		if ( Json.nextPresent( in ) != JsonToken.END_OBJECT ) {
			throw Json.corrupt( "tagged value with more than one field" );
		}
		return value;
	}

	private Object readBody(JsonParser in, String tag, int depth) throws IOException {
		return switch ( tag ) {
			case Tags.MARKER -> readMarker( in );
			case Tags.ENUM -> readEnum( in );
			case Tags.BEAN -> readBean( in );
			case Tags.OBJECT_ARRAY -> readElements( in, enter( depth ) ).toArray();
			case Tags.SERIALIZABLE_ARRAY -> readSerializables( in, enter( depth ) );
			case Tags.TYPED_ARRAY -> readTypedArray( in, enter( depth ) );
			case Tags.LIST -> readElements( in, enter( depth ) );
			case Tags.SET -> readSet( in, enter( depth ) );
			case Tags.MAP -> readMap( in, enter( depth ) );
			case Tags.ENTITY_ENTRY -> readEntityEntry( in, enter( depth ) );
			case Tags.COLLECTION_ENTRY -> hibernate.newCollectionEntry( readSerializables( in, enter( depth ) ) );
			case Tags.QUERY_RESULT -> readQueryItem( in, enter( depth ) );
			case Tags.ANY_REFERENCE -> readAnyEntry( in, enter( depth ) );
			case Tags.NATIVE_QUERY_METADATA -> nativeMetadata.rebuild( readNativeMetadata( in ) );
			default -> readScalar( in, tag );
		};
	}

	private static Object readScalar(JsonParser in, String tag) throws IOException {
		ScalarType<?> scalar = Scalars.forTag( tag );
		if ( scalar == null ) {
			throw Json.corrupt( "unknown tag '" + tag + "'" );
		}
		return scalar.read( in );
	}

	static int enter(int depth) {
		if ( depth >= ValueCodec.MAX_DEPTH ) {
			throw Json.corrupt( "nested deeper than " + ValueCodec.MAX_DEPTH + " levels" );
		}
		return depth + 1;
	}

	/** Hibernate compares these markers by identity, so they must come back as the very same instances. */
	private static Object readMarker(JsonParser in) throws IOException {
		return switch ( Json.text( in ) ) {
			case Tags.MARKER_UNFETCHED -> LazyPropertyInitializer.UNFETCHED_PROPERTY;
			case Tags.MARKER_UNKNOWN -> PropertyAccessStrategyBackRefImpl.UNKNOWN;
			default -> throw Json.corrupt( "unknown marker" );
		};
	}

	private Object readEnum(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		Json.nextPresent( in );
		Class<?> type = classes.resolve( Json.text( in ) );
		Json.nextPresent( in );
		String constant = Json.text( in );
		Json.next( in, JsonToken.END_ARRAY );
		if ( !type.isEnum() ) {
			throw Json.corrupt( type.getName() + " is not an enum" );
		}
		return enumConstant( type, constant );
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object enumConstant(Class<?> type, String constant) {
		try {
			return Enum.valueOf( (Class) type, constant );
		}
		catch (IllegalArgumentException e) {
			throw new CorruptEntryException( "Corrupt cache entry: no constant " + constant + " in " + type.getName(), e );
		}
	}

	/** The allow-list is asked before the class is loaded, and Jackson only ever sees the allowed class. */
	private Object readBean(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		Json.nextPresent( in );
		String className = Json.text( in );
		if ( !allowList.allowsBean( className ) ) {
			throw Json.corrupt( "bean class not on the allow-list: " + className );
		}
		Class<?> type = classes.resolve( className );
		Json.nextPresent( in );
		Object value = beans.readValue( in, type );
		if ( !type.isInstance( value ) ) {
			throw Json.corrupt( "bean of " + className + " read as " + ( value == null ? "null" : value.getClass().getName() ) );
		}
		Json.next( in, JsonToken.END_ARRAY );
		return value;
	}

	private List<Object> readElements(JsonParser in, int depth) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		List<Object> elements = new ArrayList<>();
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			elements.add( read( in, depth ) );
		}
		return elements;
	}

	private Serializable[] readSerializables(JsonParser in, int depth) throws IOException {
		List<Object> elements = readElements( in, depth );
		Serializable[] array = new Serializable[elements.size()];
		for ( int i = 0; i < array.length; i++ ) {
			Object element = elements.get( i );
			if ( element != null && !( element instanceof Serializable ) ) {
				throw Json.corrupt( "element of a Serializable[] is a " + element.getClass().getName() );
			}
			array[i] = (Serializable) element;
		}
		return array;
	}

	private Object readTypedArray(JsonParser in, int depth) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		Json.nextPresent( in );
		Class<?> component = classes.resolveArrayComponent( Json.text( in ) );
		Json.nextPresent( in );
		List<Object> elements = readElements( in, depth );
		Json.next( in, JsonToken.END_ARRAY );
		Object array = Array.newInstance( component, elements.size() );
		for ( int i = 0; i < elements.size(); i++ ) {
			Object element = elements.get( i );
			if ( element != null && !component.isInstance( element ) ) {
				throw Json.corrupt( "element of a " + component.getName() + "[] is a " + element.getClass().getName() );
			}
			Array.set( array, i, element );
		}
		return array;
	}

	private Set<Object> readSet(JsonParser in, int depth) throws IOException {
		List<Object> elements = readElements( in, depth );
		Set<Object> set = new LinkedHashSet<>( elements );
		if ( set.size() != elements.size() ) {
			throw Json.corrupt( "set with duplicate elements" );
		}
		return set;
	}

	private Map<Object, Object> readMap(JsonParser in, int depth) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		Map<Object, Object> map = new LinkedHashMap<>();
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			Json.require( in, JsonToken.START_ARRAY );
			Json.nextPresent( in );
			Object key = read( in, depth );
			Json.nextPresent( in );
			Object value = read( in, depth );
			Json.next( in, JsonToken.END_ARRAY );
			if ( map.containsKey( key ) ) {
				throw Json.corrupt( "map with duplicate keys" );
			}
			map.put( key, value );
		}
		return map;
	}

	private Object readEntityEntry(JsonParser in, int depth) throws IOException {
		Json.require( in, JsonToken.START_OBJECT );
		String subclass = null;
		Object version = null;
		boolean versionSeen = false;
		Serializable[] state = null;
		String field;
		while ( ( field = in.nextFieldName() ) != null ) {
			Json.nextPresent( in );
			switch ( field ) {
				case Tags.ENTITY_SUBCLASS -> subclass = Json.text( in );
				case Tags.ENTITY_VERSION -> {
					version = read( in, depth );
					versionSeen = true;
				}
				case Tags.ENTITY_STATE -> state = readSerializables( in, depth );
				default -> throw Json.corrupt( "unknown entity entry field '" + field + "'" );
			}
		}
		Json.require( in, JsonToken.END_OBJECT );
		if ( subclass == null || !versionSeen || state == null ) {
			throw Json.corrupt( "entity entry without subclass, version or state" );
		}
		return hibernate.newEntityEntry( state, subclass, version );
	}

	private Object readQueryItem(JsonParser in, int depth) throws IOException {
		Json.require( in, JsonToken.START_OBJECT );
		Long timestamp = null;
		List<Object> rows = null;
		String field;
		while ( ( field = in.nextFieldName() ) != null ) {
			Json.nextPresent( in );
			switch ( field ) {
				case Tags.QUERY_TIMESTAMP -> timestamp = Json.longValue( in );
				case Tags.QUERY_ROWS -> rows = readElements( in, depth );
				default -> throw Json.corrupt( "unknown query result field '" + field + "'" );
			}
		}
		Json.require( in, JsonToken.END_OBJECT );
		if ( timestamp == null || rows == null ) {
			throw Json.corrupt( "query result without timestamp or rows" );
		}
		nativeMetadata.checkRows( rows );
		return hibernate.newQueryItem( timestamp, rows );
	}

	/** Names (strings or null), types ([java type name, JDBC code] or null), optional cache indexes. */
	private static NativeQueryMetadata.Description readNativeMetadata(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_OBJECT );
		List<String> names = null;
		List<NativeQueryMetadata.TypeRef> types = null;
		int[] indexes = null;
		String field;
		while ( ( field = in.nextFieldName() ) != null ) {
			Json.nextPresent( in );
			switch ( field ) {
				case Tags.METADATA_COLUMNS -> names = readColumnNames( in );
				case Tags.METADATA_TYPES -> types = readColumnTypes( in );
				case Tags.METADATA_CACHE_INDEXES -> indexes = readCacheIndexes( in );
				default -> throw Json.corrupt( "unknown native query metadata field '" + field + "'" );
			}
		}
		Json.require( in, JsonToken.END_OBJECT );
		if ( names == null || types == null ) {
			throw Json.corrupt( "native query metadata without columns or types" );
		}
		return new NativeQueryMetadata.Description( names.toArray( String[]::new ),
				types.toArray( NativeQueryMetadata.TypeRef[]::new ), indexes );
	}

	private static List<String> readColumnNames(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		List<String> names = new ArrayList<>();
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			requireColumnCount( names.size() );
			names.add( in.currentToken() == JsonToken.VALUE_NULL ? null : Json.text( in ) );
		}
		return names;
	}

	private static List<NativeQueryMetadata.TypeRef> readColumnTypes(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		List<NativeQueryMetadata.TypeRef> types = new ArrayList<>();
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			requireColumnCount( types.size() );
			if ( in.currentToken() == JsonToken.VALUE_NULL ) {
				types.add( null );
				continue;
			}
			Json.require( in, JsonToken.START_ARRAY );
			Json.nextPresent( in );
			String javaTypeName = Json.text( in );
			Json.nextPresent( in );
			int jdbcCode = (int) Json.longValue( in, Integer.MIN_VALUE, Integer.MAX_VALUE );
			Json.next( in, JsonToken.END_ARRAY );
			types.add( new NativeQueryMetadata.TypeRef( javaTypeName, jdbcCode ) );
		}
		return types;
	}

	private static int[] readCacheIndexes(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		List<Integer> indexes = new ArrayList<>();
		while ( Json.nextPresent( in ) != JsonToken.END_ARRAY ) {
			requireColumnCount( indexes.size() );
			// -1 marks a position that is not cached; anything else must point into a cached row
			indexes.add( (int) Json.longValue( in, -1, NativeQueryMetadata.MAX_COLUMNS ) );
		}
		return indexes.stream().mapToInt( Integer::intValue ).toArray();
	}

	private static void requireColumnCount(int count) {
		if ( count >= NativeQueryMetadata.MAX_COLUMNS ) {
			throw Json.corrupt( "native query metadata with more than " + NativeQueryMetadata.MAX_COLUMNS + " columns" );
		}
	}

	private Object readAnyEntry(JsonParser in, int depth) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		Json.nextPresent( in );
		String entityName = Json.text( in );
		Json.nextPresent( in );
		Object id = read( in, depth );
		Json.next( in, JsonToken.END_ARRAY );
		return hibernate.newAnyEntry( entityName, id );
	}
}
