package dev.redisl2.it;

import dev.redisl2.support.RedisSentinelProcess;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Sentinel group (a primary, a replica, three sentinels, no password) for every test class of the run
 * that registers this extension and leaves the group as it found it; started by the first, stopped when
 * the run ends. Tests that kill or fail over the primary start a group of their own.
 */
public final class SharedSentinelExtension implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedSentinelExtension.class);
	private static volatile RedisSentinelProcess group;

	/** The shared group (started by {@link #beforeAll}). */
	public static RedisSentinelProcess group() {
		RedisSentinelProcess g = group;
		if (g == null) {
			throw new IllegalStateException("the shared Sentinel group is not started: register SharedSentinelExtension");
		}
		return g;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// the root store closes it (AutoCloseable) when the whole run ends
		group = context.getRoot().getStore(NS).getOrComputeIfAbsent("sentinel",
				key -> RedisSentinelProcess.builder().start(), RedisSentinelProcess.class);
	}
}
