package dev.redisl2.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.redisl2.hibernate.metrics.CacheMonitor;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;

/** The redisl2 cache monitors of an application's EntityManagerFactory beans, by bean name. */
public final class CacheMonitors {

	private CacheMonitors() {
	}

	public static Map<String, CacheMonitor> of(Map<String, EntityManagerFactory> factories) {
		Map<String, CacheMonitor> monitors = new LinkedHashMap<>();
		factories.forEach( (name, factory) -> {
			CacheMonitor monitor = CacheMonitor.of( factory.unwrap( SessionFactory.class ) );
			if ( monitor != null ) {
				monitors.put( name, monitor );
			}
		} );
		return monitors;
	}

	/** Binds the meters of every redisl2 SessionFactory (tagged by bean name when there are several). */
	public static void bindMeters(Map<String, EntityManagerFactory> factories, io.micrometer.core.instrument.MeterRegistry registry) {
		Map<String, CacheMonitor> monitors = of( factories );
		monitors.forEach( (name, monitor) -> new dev.redisl2.hibernate.metrics.RedisCacheMeterBinder( monitor,
				monitors.size() == 1 ? io.micrometer.core.instrument.Tags.empty()
						: io.micrometer.core.instrument.Tags.of( "entityManagerFactory", name ) ).bindTo( registry ) );
	}

	/** The health details of every redisl2 SessionFactory. */
	public static Map<String, Object> healthDetails(Map<String, CacheMonitor> monitors) {
		if ( monitors.size() == 1 ) {
			return monitors.values().iterator().next().healthDetails();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		monitors.forEach( (name, monitor) -> details.put( name, monitor.healthDetails() ) );
		return details;
	}
}
