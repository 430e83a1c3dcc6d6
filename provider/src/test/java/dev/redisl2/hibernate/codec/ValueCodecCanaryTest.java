package dev.redisl2.hibernate.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.redisl2.hibernate.codec.fixtures.CanaryFlags;
import dev.redisl2.hibernate.codec.fixtures.Money;
import dev.redisl2.hibernate.codec.fixtures.PolymorphicHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entries naming classes nobody allowed must not even reach the class loader. The canary fixtures record their
 * initialisation and construction; they are named here only as strings, since a class literal would load them.
 */
class ValueCodecCanaryTest {

	private static final String FIXTURES = "dev.redisl2.hibernate.codec.fixtures.";
	private static final String CANARY_ENUM = FIXTURES + "CanaryEnum";
	private static final String CANARY_BEAN = FIXTURES + "CanaryBean";
	private static final String TRACKED_ENUM = FIXTURES + "TrackedEnum";

	/** Records every class name the codec asks for. */
	static final class RecordingClassLoader extends ClassLoader {
		final List<String> requested = new CopyOnWriteArrayList<>();

		RecordingClassLoader() {
			super( ValueCodecCanaryTest.class.getClassLoader() );
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			requested.add( name );
			return super.loadClass( name, resolve );
		}
	}

	private final RecordingClassLoader loader = new RecordingClassLoader();

	@AfterEach
	void canariesStayAsleep() {
		assertFalse( CanaryFlags.canaryEnumInitialised, "CanaryEnum was initialised" );
		assertFalse( CanaryFlags.canaryBeanInitialised, "CanaryBean was initialised" );
		assertFalse( CanaryFlags.canaryBeanConstructed, "CanaryBean was constructed" );
		for ( String name : loader.requested ) {
			assertFalse( name.contains( "Canary" ), "class loader was asked for " + name );
		}
	}

	private Object decode(ValueCodec codec, String json) {
		return codec.decode( json.getBytes( StandardCharsets.UTF_8 ), 0 );
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"enum\":[\"" + CANARY_ENUM + "\",\"A\"]}",
			"{\"bean\":[\"" + CANARY_BEAN + "\",{}]}",
			"{\"bean\":[\"" + CANARY_BEAN + "\",{\"name\":\"x\"}]}",
			"{\"tarr\":[\"" + CANARY_BEAN + "\",[]]}",
			"{\"tarr\":[\"[L" + CANARY_BEAN + ";\",[]]}",
			"{\"tarr\":[\"[[L" + CANARY_ENUM + ";\",[]]}",
			"{\"E\":{\"sub\":\"x\",\"ver\":null,\"state\":[{\"arr\":[{\"enum\":[\"" + CANARY_ENUM + "\",\"B\"]}]}]}}",
			"{\"Q\":{\"ts\":1,\"rows\":[{\"map\":[[{\"bean\":[\"" + CANARY_BEAN + "\",{}]},1]]}]}}"
	})
	void disallowedNamesAreRejectedBeforeLoading(String json) {
		ValueCodec codec = new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST, loader );
		assertThrows( CorruptEntryException.class, () -> decode( codec, json ) );
	}

	@Test
	void aListedJavaLangClassDoesNotLetJacksonLoadOtherClasses() {
		// Hibernate maps Class-typed attributes, so the metamodel can put java.lang.Class on the list.
		ValueCodec codec = new ValueCodec( TypeAllowList.builtIn().withClasses( List.of( Class.class, Object.class ) ), loader );
		assertThrows( CorruptEntryException.class, () -> decode( codec, "{\"bean\":[\"java.lang.Class\",\"" + CANARY_BEAN + "\"]}" ) );
		assertThrows( CorruptEntryException.class, () -> decode( codec, "{\"enum\":[\"java.lang.Class\",\"A\"]}" ) );
	}

	@Test
	void polymorphicBeanPropertiesAreHeldToTheAllowList() {
		ValueCodec codec = new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST, loader );
		String holder = PolymorphicHolder.class.getName();
		// Jackson resolves type ids through the context class loader, so the recording loader sees its requests too.
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader( loader );
		try {
			assertThrows( CorruptEntryException.class, () -> decode( codec,
					"{\"bean\":[\"" + holder + "\",{\"payload\":{\"@class\":\"" + CANARY_BEAN + "\",\"name\":\"x\"}}]}" ) );
			assertThrows( CorruptEntryException.class, () -> decode( codec,
					"{\"bean\":[\"" + holder + "\",{\"payload\":[\"" + CANARY_ENUM + "\",\"A\"]}]}" ) );
			// The control: an allowed payload type does go through this loader.
			decode( codec, "{\"bean\":[\"" + holder + "\",{\"payload\":{\"@class\":\"" + Money.class.getName() + "\"}}]}" );
			assertTrue( loader.requested.contains( Money.class.getName() ), "Jackson did not use the context class loader" );
		}
		finally {
			thread.setContextClassLoader( previous );
		}
	}

	@Test
	void allowedClassesLoadWithoutInitialisationUntilUsed() {
		ValueCodec codec = new ValueCodec( TypeAllowList.builtIn().with( List.of( TRACKED_ENUM ) ), loader );
		// Loaded to type the array, then rejected for its element: loading alone must not initialise.
		assertThrows( CorruptEntryException.class, () -> decode( codec, "{\"tarr\":[\"" + TRACKED_ENUM + "\",[1]]}" ) );
		assertTrue( loader.requested.contains( TRACKED_ENUM ), "the allowed class was loaded" );
		assertFalse( CanaryFlags.trackedEnumInitialised, "loading initialised the class" );
		// The positive control: the flag mechanism does notice an initialisation.
		Object constant = decode( codec, "{\"enum\":[\"" + TRACKED_ENUM + "\",\"ON\"]}" );
		assertEquals( "ON", ( (Enum<?>) constant ).name() );
		assertTrue( CanaryFlags.trackedEnumInitialised );
	}
}
