package dev.redisl2.hibernate;

import java.util.List;

import org.hibernate.boot.registry.selector.SimpleStrategyRegistrationImpl;
import org.hibernate.boot.registry.selector.StrategyRegistration;
import org.hibernate.boot.registry.selector.StrategyRegistrationProvider;
import org.hibernate.cache.spi.RegionFactory;

/** Registers {@link RedisRegionFactory} under the short name {@code redisl2}. */
public final class RedisStrategyRegistration implements StrategyRegistrationProvider {

	/** Raw on purpose: Hibernate 7 declares {@code Iterable<StrategyRegistration<?>>}, 6.6 the raw type. */
	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public Iterable getStrategyRegistrations() {
		return List.of( new SimpleStrategyRegistrationImpl<>( RegionFactory.class, RedisRegionFactory.class,
				RedisRegionFactory.SHORT_NAME, RedisRegionFactory.class.getName() ) );
	}
}
