package dev.redisl2.it.security;

/**
 * Set by {@link Canary} when its static initializer or constructor runs. Kept apart from it, so that reading
 * a flag never loads the canary itself.
 */
public final class CanaryFlags {

	public static volatile boolean initialised;
	public static volatile boolean constructed;

	private CanaryFlags() {
	}
}
