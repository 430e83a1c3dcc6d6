package dev.redisl2.hibernate.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses duration settings: a plain number means seconds; otherwise the unit must be written out. */
final class Durations {

	private static final Pattern FORMAT = Pattern.compile( "(\\d+)\\s*(ms|s|m|h|d)?" );

	private Durations() {
	}

	static Duration parse(String setting, Object raw) {
		if ( raw instanceof Duration duration ) {
			return requireNonNegative( setting, duration );
		}
		if ( raw instanceof Number number ) {
			return requireNonNegative( setting, Duration.ofSeconds( number.longValue() ) );
		}
		String text = raw.toString().trim().toLowerCase( Locale.ROOT );
		Matcher matcher = FORMAT.matcher( text );
		if ( !matcher.matches() ) {
			throw new InvalidSettingException( setting,
					"'" + raw + "' is not a duration; write a number of seconds or add a unit (500ms, 30s, 10m, 1h, 1d)" );
		}
		long amount = Long.parseLong( matcher.group( 1 ) );
		String unit = matcher.group( 2 ) == null ? "s" : matcher.group( 2 );
		return switch ( unit ) {
			case "ms" -> Duration.ofMillis( amount );
			case "s" -> Duration.ofSeconds( amount );
			case "m" -> Duration.ofMinutes( amount );
			case "h" -> Duration.ofHours( amount );
			default -> Duration.ofDays( amount );
		};
	}

	private static Duration requireNonNegative(String setting, Duration duration) {
		if ( duration.isNegative() ) {
			throw new InvalidSettingException( setting, "must not be negative" );
		}
		return duration;
	}
}
