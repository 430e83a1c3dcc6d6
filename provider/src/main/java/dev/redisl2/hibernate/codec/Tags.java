package dev.redisl2.hibernate.codec;

import java.util.Set;

/** Tags of the structural forms; the leaf tags live with their {@link ScalarType}s. See {@link ValueCodec}. */
final class Tags {

	static final String MARKER = "mark";
	static final String OBJECT_ARRAY = "arr";
	static final String SERIALIZABLE_ARRAY = "sarr";
	static final String TYPED_ARRAY = "tarr";
	static final String ENUM = "enum";
	static final String LIST = "list";
	static final String SET = "set";
	static final String MAP = "map";
	static final String ENTITY_ENTRY = "E";
	static final String COLLECTION_ENTRY = "C";
	static final String QUERY_RESULT = "Q";
	static final String ANY_REFERENCE = "any";
	static final String BEAN = "bean";
	static final String NATIVE_QUERY_METADATA = "jm";

	static final String ENTITY_SUBCLASS = "sub";
	static final String ENTITY_VERSION = "ver";
	static final String ENTITY_STATE = "state";
	static final String QUERY_TIMESTAMP = "ts";
	static final String QUERY_ROWS = "rows";
	static final String METADATA_COLUMNS = "cols";
	static final String METADATA_TYPES = "types";
	static final String METADATA_CACHE_INDEXES = "idx";

	static final String MARKER_UNFETCHED = "unfetched";
	static final String MARKER_UNKNOWN = "unknown";

	static final Set<String> STRUCTURAL = Set.of(
			MARKER, OBJECT_ARRAY, SERIALIZABLE_ARRAY, TYPED_ARRAY, ENUM, LIST, SET, MAP,
			ENTITY_ENTRY, COLLECTION_ENTRY, QUERY_RESULT, ANY_REFERENCE, BEAN, NATIVE_QUERY_METADATA
	);

	private Tags() {
	}
}
