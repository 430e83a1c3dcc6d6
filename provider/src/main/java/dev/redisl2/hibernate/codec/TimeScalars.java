package dev.redisl2.hibernate.codec;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Dates and times. java.time types use their ISO text, which is readable and which their parse methods restore
 * exactly (zone ids and nanoseconds included); the legacy types use epoch milliseconds, as they hold no more.
 */
final class TimeScalars {

	/** The Julian/Gregorian cutover every GregorianCalendar has unless someone moved it. */
	private static final long DEFAULT_GREGORIAN_CHANGE = new GregorianCalendar().getGregorianChange().getTime();

	/**
	 * YearMonth.toString writes year 10000 as "10000-01", which YearMonth.parse rejects (it wants "+10000-01");
	 * this is the parser's own pattern, used both ways.
	 */
	private static final DateTimeFormatter YEAR_MONTH = new DateTimeFormatterBuilder()
			.appendValue( ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD )
			.appendLiteral( '-' )
			.appendValue( ChronoField.MONTH_OF_YEAR, 2 )
			.toFormatter();

	private TimeScalars() {
	}

	static List<ScalarType<?>> all() {
		return List.of(
				ScalarType.text( "inst", Instant.class, Instant::toString, Instant::parse ),
				ScalarType.text( "ld", LocalDate.class, LocalDate::toString, LocalDate::parse ),
				ScalarType.text( "lt", LocalTime.class, LocalTime::toString, LocalTime::parse ),
				ScalarType.text( "ldt", LocalDateTime.class, LocalDateTime::toString, LocalDateTime::parse ),
				ScalarType.text( "odt", OffsetDateTime.class, OffsetDateTime::toString, OffsetDateTime::parse ),
				ScalarType.text( "ot", OffsetTime.class, OffsetTime::toString, OffsetTime::parse ),
				// The text carries offset and zone id, so a time in a DST overlap keeps the offset it had.
				ScalarType.text( "zdt", ZonedDateTime.class, ZonedDateTime::toString, ZonedDateTime::parse ),
				ScalarType.text( "dur", Duration.class, Duration::toString, Duration::parse ),
				ScalarType.text( "per", Period.class, Period::toString, Period::parse ),
				ScalarType.integral( "yr", Year.class, Year::getValue, v -> Year.of( (int) v ), Year.MIN_VALUE, Year.MAX_VALUE ),
				ScalarType.text( "ym", YearMonth.class, YEAR_MONTH::format, text -> YearMonth.parse( text, YEAR_MONTH ) ),
				ScalarType.text( "md", MonthDay.class, MonthDay::toString, MonthDay::parse ),
				ScalarType.text( "zo", ZoneOffset.class, ZoneOffset::getId, ZoneOffset::of ),
				ScalarType.text( "zid", zoneRegionClass(), ZoneId::getId, ZoneId::of ),
				ScalarType.integral( "date", Date.class, Date::getTime, Date::new, Long.MIN_VALUE, Long.MAX_VALUE ),
				ScalarType.integral(
						"sqld", java.sql.Date.class, java.sql.Date::getTime, java.sql.Date::new, Long.MIN_VALUE, Long.MAX_VALUE ),
				ScalarType.integral(
						"sqlt", java.sql.Time.class, java.sql.Time::getTime, java.sql.Time::new, Long.MIN_VALUE, Long.MAX_VALUE ),
				ScalarType.of( "ts", Timestamp.class, TimeScalars::writeTimestamp, TimeScalars::readTimestamp ),
				ScalarType.of( "cal", GregorianCalendar.class, TimeScalars::writeCalendar, TimeScalars::readCalendar )
		);
	}

	/**
	 * Region-based zone ids are instances of the JDK-internal ZoneRegion; ZoneOffset, the only other ZoneId,
	 * has its own tag. Matching the exact class keeps every ZoneId on one of the two.
	 */
	@SuppressWarnings("unchecked")
	private static Class<ZoneId> zoneRegionClass() {
		return (Class<ZoneId>) ZoneId.of( "Europe/Paris" ).getClass();
	}

	/** Milliseconds alone would lose the sub-millisecond part of the nanos, so both are written. */
	private static void writeTimestamp(JsonGenerator out, Timestamp value) throws IOException {
		out.writeStartArray();
		out.writeNumber( value.getTime() );
		out.writeNumber( value.getNanos() );
		out.writeEndArray();
	}

	private static Timestamp readTimestamp(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		Json.nextPresent( in );
		long millis = Json.longValue( in );
		Json.nextPresent( in );
		int nanos = (int) Json.longValue( in, 0, 999_999_999 );
		Json.next( in, JsonToken.END_ARRAY );
		Timestamp value = new Timestamp( millis );
		value.setNanos( nanos );
		return value;
	}

	/**
	 * Every field Calendar.equals compares. A moved cutover or a hand-built TimeZone whose rules differ from
	 * the zone database's would not survive, so those are refused rather than silently altered.
	 */
	private static void writeCalendar(JsonGenerator out, GregorianCalendar value) throws IOException {
		TimeZone zone = value.getTimeZone();
		if ( value.getGregorianChange().getTime() != DEFAULT_GREGORIAN_CHANGE ) {
			throw new UnsupportedValueException( "GregorianCalendar with a non-default Gregorian cutover" );
		}
		if ( !TimeZone.getTimeZone( zone.getID() ).equals( zone ) ) {
			throw new UnsupportedValueException( "GregorianCalendar with a custom TimeZone '" + zone.getID() + "'" );
		}
		out.writeStartArray();
		out.writeNumber( value.getTimeInMillis() );
		out.writeString( zone.getID() );
		out.writeNumber( value.getFirstDayOfWeek() );
		out.writeNumber( value.getMinimalDaysInFirstWeek() );
		out.writeBoolean( value.isLenient() );
		out.writeEndArray();
	}

	private static GregorianCalendar readCalendar(JsonParser in) throws IOException {
		Json.require( in, JsonToken.START_ARRAY );
		Json.nextPresent( in );
		long millis = Json.longValue( in );
		Json.nextPresent( in );
		String zoneId = Json.text( in );
		Json.nextPresent( in );
		int firstDayOfWeek = (int) Json.longValue( in, 1, 7 );
		Json.nextPresent( in );
		int minimalDaysInFirstWeek = (int) Json.longValue( in, 1, 7 );
		Json.nextPresent( in );
		boolean lenient = Json.booleanValue( in );
		Json.next( in, JsonToken.END_ARRAY );
		TimeZone zone = TimeZone.getTimeZone( zoneId );
		// getTimeZone answers GMT for ids it does not know instead of failing.
		if ( !zone.getID().equals( zoneId ) ) {
			throw Json.corrupt( "unknown time zone " + zoneId );
		}
		GregorianCalendar value = new GregorianCalendar( zone );
		value.setFirstDayOfWeek( firstDayOfWeek );
		value.setMinimalDaysInFirstWeek( minimalDaysInFirstWeek );
		value.setLenient( lenient );
		value.setTimeInMillis( millis );
		return value;
	}
}
