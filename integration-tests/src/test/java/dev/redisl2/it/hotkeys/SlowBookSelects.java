package dev.redisl2.it.hotkeys;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Makes every select of the book table take 50 ms longer, as a real query on a loaded database would:
 * with H2 in memory a load is over before most of a stampede's sessions even ask.
 */
public final class SlowBookSelects implements StatementInspector {

	@Override
	public String inspect(String sql) {
		String lower = sql.toLowerCase( java.util.Locale.ROOT );
		if ( lower.startsWith( "select" ) && lower.contains( " from book " ) ) {
			try {
				Thread.sleep( 50 );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return sql;
	}
}
