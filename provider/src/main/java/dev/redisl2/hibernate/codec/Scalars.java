package dev.redisl2.hibernate.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lookup of the leaf types, by exact class for writing and by tag for reading. Immutable. */
final class Scalars {

	private static final Map<Class<?>, ScalarType<?>> BY_TYPE;
	private static final Map<String, ScalarType<?>> BY_TAG;

	static {
		List<ScalarType<?>> all = new ArrayList<>();
		all.addAll( NumberScalars.all() );
		all.addAll( TimeScalars.all() );
		all.addAll( MiscScalars.all() );
		all.addAll( ArrayScalars.all() );
		Map<Class<?>, ScalarType<?>> byType = new HashMap<>();
		Map<String, ScalarType<?>> byTag = new HashMap<>();
		for ( ScalarType<?> scalar : all ) {
			// A clash would make some value decode as another type; fail the class load instead.
			if ( byType.put( scalar.type(), scalar ) != null
					|| byTag.put( scalar.tag(), scalar ) != null
					|| Tags.STRUCTURAL.contains( scalar.tag() ) ) {
				throw new IllegalStateException( "Duplicate codec tag or type: " + scalar.tag() );
			}
		}
		BY_TYPE = Map.copyOf( byType );
		BY_TAG = Map.copyOf( byTag );
	}

	private Scalars() {
	}

	static ScalarType<?> forType(Class<?> type) {
		return BY_TYPE.get( type );
	}

	static ScalarType<?> forTag(String tag) {
		return BY_TAG.get( tag );
	}
}
