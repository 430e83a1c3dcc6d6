package dev.redisl2.it.nativequery;

import java.util.Map;

import dev.redisl2.sample.SampleApp;

/** {@link NativeQueryCacheCases} on H2. */
class H2NativeQueryCacheTest extends NativeQueryCacheCases {

	@Override
	protected Map<String, Object> database(String testName) {
		return Map.of( SampleApp.JDBC_URL, SampleApp.h2MemUrl( "native-" + testName ) );
	}
}
