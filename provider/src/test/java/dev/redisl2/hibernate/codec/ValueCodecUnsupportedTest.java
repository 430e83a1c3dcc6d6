package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.redisl2.hibernate.codec.fixtures.Money;
import dev.redisl2.hibernate.codec.fixtures.NoProperties;
import org.hibernate.collection.spi.PersistentBag;
import org.hibernate.sql.results.jdbc.internal.CachedJdbcValuesMetadata;
import org.hibernate.type.BasicType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Values the codec must refuse to encode, so that the caller skips caching instead of storing a wrong value. */
class ValueCodecUnsupportedTest {

	final ValueCodec codec = codec();

	/** The codec under test; the compact format's test runs the same cases through its own. */
	ValueCodec codec() {
		return new ValueCodec( ValueCodecRoundTripTest.ALLOW_LIST );
	}

	private void assertUnsupported(Object value) {
		assertThrows( UnsupportedValueException.class, () -> codec.encode( value ) );
	}

	@Test
	void typesOutsideTheAllowList() {
		assertUnsupported( new Object() );
		assertUnsupported( TimeUnit.SECONDS ); // an enum nobody allowed
		assertUnsupported( new TimeUnit[] { TimeUnit.SECONDS } );
		assertUnsupported( new Thread[0] );
		assertUnsupported( new ArrayList<>( List.of( new StringBuilder( "x" ) ) ) );
		assertUnsupported( new ValueCodec( TypeAllowList.builtIn() ) ); // not even itself
		ValueCodec strict = new ValueCodec( TypeAllowList.builtIn() );
		assertThrows( UnsupportedValueException.class, () -> strict.encode( new Money( BigDecimal.ONE, "EUR" ) ) );
	}

	@Test
	void platformClassesAreNeverBeansEvenWhenListed() {
		ValueCodec lenient = new ValueCodec( TypeAllowList.builtIn()
				.withClasses( List.of( Class.class, Object.class, StringBuilder.class ) )
				.with( List.of( "java.net.URL" ) ) );
		assertThrows( UnsupportedValueException.class, () -> lenient.encode( String.class ) );
		assertThrows( UnsupportedValueException.class, () -> lenient.encode( new StringBuilder( "x" ) ) );
	}

	@Test
	void beansJacksonCannotRepresent() {
		ValueCodec withEmpty = new ValueCodec( TypeAllowList.builtIn().with( List.of( NoProperties.class.getName() ) ) );
		assertThrows( UnsupportedValueException.class, () -> withEmpty.encode( new NoProperties() ) );
	}

	@Test
	void subclassesOfScalarTypesAreNotTreatedAsTheirParent() {
		// Written as a plain Date it would come back as a Date and lose the subclass; it is not allowed as a bean.
		assertUnsupported( new Date( 0 ) { } );
	}

	@Test
	void cyclesAndExcessiveNesting() {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add( cyclic );
		assertUnsupported( cyclic );
		Object deep = "leaf";
		for ( int i = 0; i <= ValueCodec.MAX_DEPTH; i++ ) {
			deep = new Object[] { deep };
		}
		assertUnsupported( deep );
	}

	@Test
	void calendarsThatWouldNotSurvive() {
		GregorianCalendar movedCutover = new GregorianCalendar();
		movedCutover.setGregorianChange( new Date( Long.MIN_VALUE ) );
		assertUnsupported( movedCutover );
		Calendar buddhist = Calendar.getInstance( new Locale( "th", "TH" ) );
		assertUnsupported( buddhist );
	}

	@Test
	void numbersTooLongToParseCheaply() {
		assertUnsupported( new BigInteger( "9".repeat( NumberScalars.MAX_DECIMAL_LENGTH + 1 ) ) );
		assertUnsupported( new BigDecimal( "1." + "0".repeat( NumberScalars.MAX_DECIMAL_LENGTH ) ) );
	}

	@Test
	void hibernateValuesOutsideTheFormat() {
		// A persistent collection could lazily load while being written.
		assertUnsupported( new PersistentBag<>() );
		// Native queries cache result set metadata holding Hibernate type objects.
		List<Object> rows = new ArrayList<>();
		rows.add( new CachedJdbcValuesMetadata( new String[] { "a" }, new BasicType<?>[1], null ) );
		assertUnsupported( HibernateFixtures.queryItem( 1L, rows ) );
		// A state that is a subtype array would not come back as the same class.
		assertUnsupported( HibernateFixtures.entityEntry( new String[] { "a" }, "com.x.Book", null ) );
		assertUnsupported( HibernateFixtures.collectionEntry( new Integer[] { 1 } ) );
		assertUnsupported( HibernateFixtures.entityEntry( new Serializable[] { new NoProperties[0] }, "com.x.Book", null ) );
	}
}
