package dev.redisl2.hibernate.codec;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.cache.spi.entry.StandardCacheEntryImpl;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;

/**
 * Writes one value in the format described on {@link ValueCodec}. Refuses (with
 * {@link UnsupportedValueException}) anything the reader would not restore to an equal value of the same
 * class, including types the allow-list would make the reader reject: caching those would only store misses.
 */
final class ValueWriter {

	private final TypeAllowList allowList;
	private final HibernateEntries hibernate;
	private final ObjectMapper beans;
	private final NativeQueryMetadata nativeMetadata;

	ValueWriter(TypeAllowList allowList, HibernateEntries hibernate, ObjectMapper beans, NativeQueryMetadata nativeMetadata) {
		this.allowList = allowList;
		this.hibernate = hibernate;
		this.beans = beans;
		this.nativeMetadata = nativeMetadata;
	}

	void write(JsonGenerator out, Object value, int depth) throws IOException {
		if ( value == null ) {
			out.writeNull();
			return;
		}
		Class<?> type = value.getClass();
		// The natural JSON forms first: they are the commonest values and need no lookup.
		if ( type == String.class ) {
			out.writeString( (String) value );
		}
		else if ( type == Long.class ) {
			out.writeNumber( (long) (Long) value );
		}
		else if ( type == Boolean.class ) {
			out.writeBoolean( (Boolean) value );
		}
		else if ( type == Double.class && Json.isPlainDouble( (Double) value ) ) {
			out.writeNumber( (double) (Double) value );
		}
		else {
			ScalarType<?> scalar = Scalars.forType( type );
			if ( scalar != null ) {
				out.writeStartObject();
				out.writeFieldName( scalar.tag() );
				scalar.write( out, value );
				out.writeEndObject();
			}
			else {
				writeStructured( out, value, type, depth );
			}
		}
	}

	private void writeStructured(JsonGenerator out, Object value, Class<?> type, int depth) throws IOException {
		if ( value == LazyPropertyInitializer.UNFETCHED_PROPERTY ) {
			writeMarker( out, Tags.MARKER_UNFETCHED );
			return;
		}
		if ( value == PropertyAccessStrategyBackRefImpl.UNKNOWN ) {
			writeMarker( out, Tags.MARKER_UNKNOWN );
			return;
		}
		if ( value instanceof Enum<?> constant ) {
			writeEnum( out, constant );
			return;
		}
		int inner = enter( depth );
		if ( type.isArray() ) {
			writeArray( out, value, type, inner );
		}
		else if ( hibernate.isEntityEntry( type ) ) {
			writeEntityEntry( out, (StandardCacheEntryImpl) value, inner );
		}
		else if ( hibernate.isCollectionEntry( type ) ) {
			out.writeStartObject();
			out.writeFieldName( Tags.COLLECTION_ENTRY );
			writeElements( out, hibernate.collectionState( (CollectionCacheEntry) value ), inner );
			out.writeEndObject();
		}
		else if ( hibernate.isQueryItem( type ) ) {
			writeQueryItem( out, value, inner );
		}
		else if ( hibernate.isAnyEntry( type ) ) {
			out.writeStartObject();
			out.writeArrayFieldStart( Tags.ANY_REFERENCE );
			out.writeString( hibernate.anyEntityName( value ) );
			write( out, hibernate.anyId( value ), inner );
			out.writeEndArray();
			out.writeEndObject();
		}
		else if ( nativeMetadata.isMetadata( type ) ) {
			writeNativeMetadata( out, nativeMetadata.describe( value ) );
		}
		else if ( value instanceof PersistentCollection<?> ) {
			// Iterating one could trigger a lazy load from inside the cache; Hibernate never hands us one.
			throw new UnsupportedValueException( "Hibernate persistent collection " + type.getName() );
		}
		else if ( value instanceof List<?> list ) {
			writeCollection( out, Tags.LIST, list, inner );
		}
		else if ( value instanceof Set<?> set ) {
			writeCollection( out, Tags.SET, set, inner );
		}
		else if ( value instanceof Map<?, ?> map ) {
			writeMap( out, map, inner );
		}
		else {
			writeBean( out, value, type );
		}
	}

	private static void writeNativeMetadata(JsonGenerator out, NativeQueryMetadata.Description metadata) throws IOException {
		out.writeStartObject();
		out.writeObjectFieldStart( Tags.NATIVE_QUERY_METADATA );
		out.writeArrayFieldStart( Tags.METADATA_COLUMNS );
		for ( String name : metadata.columnNames() ) {
			out.writeString( name );
		}
		out.writeEndArray();
		out.writeArrayFieldStart( Tags.METADATA_TYPES );
		for ( NativeQueryMetadata.TypeRef type : metadata.types() ) {
			if ( type == null ) {
				out.writeNull();
			}
			else {
				out.writeStartArray();
				out.writeString( type.javaTypeName() );
				out.writeNumber( type.jdbcTypeCode() );
				out.writeEndArray();
			}
		}
		out.writeEndArray();
		if ( metadata.cacheIndexes() != null ) {
			out.writeArrayFieldStart( Tags.METADATA_CACHE_INDEXES );
			for ( int index : metadata.cacheIndexes() ) {
				out.writeNumber( index );
			}
			out.writeEndArray();
		}
		out.writeEndObject();
		out.writeEndObject();
	}

	static int enter(int depth) {
		if ( depth >= ValueCodec.MAX_DEPTH ) {
			throw new UnsupportedValueException( "Value nested deeper than " + ValueCodec.MAX_DEPTH + " levels (or cyclic)" );
		}
		return depth + 1;
	}

	private static void writeMarker(JsonGenerator out, String marker) throws IOException {
		out.writeStartObject();
		out.writeStringField( Tags.MARKER, marker );
		out.writeEndObject();
	}

	private void writeEnum(JsonGenerator out, Enum<?> constant) throws IOException {
		// The declaring class, not getClass(): a constant with a body is an instance of an anonymous subclass.
		String className = constant.getDeclaringClass().getName();
		if ( !allowList.allows( className ) ) {
			throw new UnsupportedValueException( "Enum " + className + " is not on the codec allow-list" );
		}
		out.writeStartObject();
		out.writeArrayFieldStart( Tags.ENUM );
		out.writeString( className );
		out.writeString( constant.name() );
		out.writeEndArray();
		out.writeEndObject();
	}

	/** Primitive arrays never get here: they are scalars. */
	private void writeArray(JsonGenerator out, Object array, Class<?> type, int depth) throws IOException {
		out.writeStartObject();
		if ( type == Object[].class ) {
			out.writeFieldName( Tags.OBJECT_ARRAY );
			writeElements( out, (Object[]) array, depth );
		}
		else if ( type == Serializable[].class ) {
			out.writeFieldName( Tags.SERIALIZABLE_ARRAY );
			writeElements( out, (Object[]) array, depth );
		}
		else {
			String componentName = type.getComponentType().getName();
			if ( !allowList.allowsArrayComponent( componentName ) ) {
				throw new UnsupportedValueException( "Array of " + componentName + ", which is not on the codec allow-list" );
			}
			out.writeArrayFieldStart( Tags.TYPED_ARRAY );
			out.writeString( componentName );
			writeElements( out, (Object[]) array, depth );
			out.writeEndArray();
		}
		out.writeEndObject();
	}

	private void writeElements(JsonGenerator out, Object[] elements, int depth) throws IOException {
		out.writeStartArray( elements, elements.length );
		for ( Object element : elements ) {
			write( out, element, depth );
		}
		out.writeEndArray();
	}

	private void writeEntityEntry(JsonGenerator out, StandardCacheEntryImpl entry, int depth) throws IOException {
		Serializable[] state = entry.getDisassembledState();
		if ( state == null || state.getClass() != Serializable[].class ) {
			throw new UnsupportedValueException( "Entity cache entry whose state is not exactly a Serializable[]" );
		}
		out.writeStartObject();
		out.writeObjectFieldStart( Tags.ENTITY_ENTRY );
		out.writeStringField( Tags.ENTITY_SUBCLASS, entry.getSubclass() );
		out.writeFieldName( Tags.ENTITY_VERSION );
		write( out, entry.getVersion(), depth );
		out.writeFieldName( Tags.ENTITY_STATE );
		writeElements( out, state, depth );
		out.writeEndObject();
		out.writeEndObject();
	}

	private void writeQueryItem(JsonGenerator out, Object item, int depth) throws IOException {
		List<?> results = hibernate.queryResults( item );
		if ( results == null ) {
			throw new UnsupportedValueException( "Query cache item without results" );
		}
		out.writeStartObject();
		out.writeObjectFieldStart( Tags.QUERY_RESULT );
		out.writeNumberField( Tags.QUERY_TIMESTAMP, hibernate.queryTimestamp( item ) );
		out.writeFieldName( Tags.QUERY_ROWS );
		writeCollectionElements( out, results, depth );
		out.writeEndObject();
		out.writeEndObject();
	}

	private void writeCollection(JsonGenerator out, String tag, Collection<?> collection, int depth) throws IOException {
		out.writeStartObject();
		out.writeFieldName( tag );
		writeCollectionElements( out, collection, depth );
		out.writeEndObject();
	}

	private void writeCollectionElements(JsonGenerator out, Collection<?> collection, int depth) throws IOException {
		out.writeStartArray();
		for ( Object element : collection ) {
			write( out, element, depth );
		}
		out.writeEndArray();
	}

	/** Entries as [key, value] pairs: keys of any type, not only strings, and in iteration order. */
	private void writeMap(JsonGenerator out, Map<?, ?> map, int depth) throws IOException {
		out.writeStartObject();
		out.writeArrayFieldStart( Tags.MAP );
		for ( Map.Entry<?, ?> entry : map.entrySet() ) {
			out.writeStartArray();
			write( out, entry.getKey(), depth );
			write( out, entry.getValue(), depth );
			out.writeEndArray();
		}
		out.writeEndArray();
		out.writeEndObject();
	}

	/**
	 * A user value class, as its Jackson tree. Only named top-level or static nested classes: Jackson cannot
	 * rebuild anonymous, local, inner or hidden classes, so writing them would only store misses.
	 */
	private void writeBean(JsonGenerator out, Object value, Class<?> type) throws IOException {
		String className = type.getName();
		if ( !allowList.allowsBean( className ) ) {
			throw new UnsupportedValueException( "Type " + className + " is not on the codec allow-list" );
		}
		if ( type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic() || type.isHidden()
				|| ( type.isMemberClass() && !Modifier.isStatic( type.getModifiers() ) ) ) {
			throw new UnsupportedValueException( "Type " + className + " cannot be rebuilt by name" );
		}
		out.writeStartObject();
		out.writeArrayFieldStart( Tags.BEAN );
		out.writeString( className );
		beans.writeValue( out, value );
		out.writeEndArray();
		out.writeEndObject();
	}
}
