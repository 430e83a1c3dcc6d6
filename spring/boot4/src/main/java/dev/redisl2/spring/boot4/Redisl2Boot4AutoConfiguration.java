package dev.redisl2.spring.boot4;

import java.util.Map;

import dev.redisl2.hibernate.metrics.CacheMonitor;
import dev.redisl2.spring.CacheMonitors;
import dev.redisl2.spring.CacheSettingsFromSpring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Switches redisl2 on for the application's JPA (see {@link CacheSettingsFromSpring}), reports it to
 * Actuator's health endpoint as {@code redisl2}, and binds its meters to the application's MeterRegistry.
 * The health status stays UP when Redis is unreachable: the cache is then bypassed (reads go to the
 * database, nothing stale is served), which must not take the instance out of a load balancer; the
 * details say {@code "cache": "bypassed"} and since when.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(name = { "org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer", "dev.redisl2.hibernate.RedisRegionFactory" })
public class Redisl2Boot4AutoConfiguration {

	@Bean
	HibernatePropertiesCustomizer redisl2HibernateProperties(Environment environment) {
		return properties -> CacheSettingsFromSpring.apply( environment, properties );
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		@Bean
		HealthIndicator redisl2HealthIndicator(ListableBeanFactory beans) {
			return () -> {
				Map<String, CacheMonitor> monitors = CacheMonitors.of( beans.getBeansOfType( EntityManagerFactory.class ) );
				return monitors.isEmpty() ? Health.unknown().withDetail( "cache", "no redisl2 SessionFactory" ).build()
						: Health.up().withDetails( CacheMonitors.healthDetails( monitors ) ).build();
			};
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class MetricsConfiguration {

		@Bean
		MeterBinder redisl2MeterBinder(ListableBeanFactory beans) {
			return (MeterRegistry registry) -> CacheMonitors.bindMeters( beans.getBeansOfType( EntityManagerFactory.class ), registry );
		}
	}
}
