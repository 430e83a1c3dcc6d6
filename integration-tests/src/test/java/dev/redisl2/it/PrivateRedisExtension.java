package dev.redisl2.it;

import dev.redisl2.support.RedisServerProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one private {@code redis-server} per test class (free loopback port, never the shared 6379)
 * and injects it as a {@link RedisServerProcess} parameter into lifecycle and test methods.
 * Fails (does not skip) when no redis-server binary is on PATH: .ci/run installs one.
 */
public final class PrivateRedisExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PrivateRedisExtension.class);
	private static final String KEY = "redis";

	@Override
	public void beforeAll(ExtensionContext context) {
		RedisServerProcess redis = RedisServerProcess.builder()
				.name(context.getRequiredTestClass().getSimpleName())
				.start();
		if (redis.port() == 6379) {
			redis.close();
			throw new IllegalStateException("refusing to run tests against port 6379 (the shared Redis)");
		}
		context.getStore(NS).put(KEY, redis);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		RedisServerProcess redis = context.getStore(NS).remove(KEY, RedisServerProcess.class);
		if (redis != null) {
			redis.close();
		}
	}

	/** The class's server, from any test-level or class-level context. */
	public static RedisServerProcess redis(ExtensionContext context) {
		ExtensionContext c = context;
		while (c != null) {
			RedisServerProcess r = c.getStore(NS).get(KEY, RedisServerProcess.class);
			if (r != null) {
				return r;
			}
			c = c.getParent().orElse(null);
		}
		throw new IllegalStateException("no private redis-server: is PrivateRedisExtension registered on the class?");
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisServerProcess.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return redis(extensionContext);
	}
}
