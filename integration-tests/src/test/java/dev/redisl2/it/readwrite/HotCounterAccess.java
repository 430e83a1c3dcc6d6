package dev.redisl2.it.readwrite;

/** Lets tests in other packages use the stress test's unversioned entity. */
public final class HotCounterAccess {

	private HotCounterAccess() {
	}

	public static Class<?> entityClass() {
		return HotCounter.class;
	}

	public static Object newCounter(long id) {
		return new HotCounter( id );
	}

	public static void increment(Object counter) {
		( (HotCounter) counter ).hits++;
	}
}
