package dev.redisl2.bench;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal grouped bar chart as plain SVG text (no library). Each group is scaled to its own
 * fastest bar, because workloads differ by orders of magnitude; every bar is labelled with its value.
 */
final class SvgChart {

	record Bar(String label, double value, String color, String note) {
	}

	record Group(String title, List<Bar> bars) {
	}

	private static final int WIDTH = 960;
	private static final int LABEL_WIDTH = 190;
	private static final int BAR_HEIGHT = 15;
	private static final int BAR_GAP = 3;
	private static final int GROUP_GAP = 14;
	private static final int GROUP_TITLE = 18;
	private static final int VALUE_ROOM = 190;

	private SvgChart() {
	}

	static String render(String title, String subtitle, List<Group> groups, List<Bar> legend) {
		int legendRows = legendRows( legend );
		int height = 70 + 26 + 18 * ( legendRows - 1 );
		for ( Group g : groups ) {
			height += GROUP_TITLE + g.bars().size() * ( BAR_HEIGHT + BAR_GAP ) + GROUP_GAP;
		}
		StringBuilder svg = new StringBuilder();
		svg.append( String.format( Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height ) );
		svg.append( String.format( Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height ) );
		svg.append( String.format( Locale.ROOT, "<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\">%s</text>\n", esc( title ) ) );
		svg.append( String.format( Locale.ROOT, "<text x=\"16\" y=\"46\" fill=\"#555555\">%s</text>\n", esc( subtitle ) ) );
		int x = 16;
		int legendY = 58;
		for ( Bar item : legend ) {
			if ( x + legendWidth( item ) > WIDTH ) {
				x = 16;
				legendY += 18;
			}
			svg.append( String.format( Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, legendY, item.color() ) );
			svg.append( String.format( Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", x + 16, legendY + 11, esc( item.label() ) ) );
			x += legendWidth( item );
		}
		int y = 96 + 18 * ( legendRows - 1 );
		int barRoom = WIDTH - LABEL_WIDTH - VALUE_ROOM - 16;
		for ( Group g : groups ) {
			svg.append( String.format( Locale.ROOT, "<text x=\"16\" y=\"%d\" font-weight=\"bold\">%s</text>\n", y + 12, esc( g.title() ) ) );
			y += GROUP_TITLE;
			double max = g.bars().stream().mapToDouble( Bar::value ).max().orElse( 1 );
			for ( Bar bar : g.bars() ) {
				int w = max <= 0 || Double.isNaN( bar.value() ) ? 0 : (int) Math.round( barRoom * bar.value() / max );
				svg.append( String.format( Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
						LABEL_WIDTH - 6, y + BAR_HEIGHT - 3, esc( bar.label() ) ) );
				svg.append( String.format( Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
						LABEL_WIDTH, y, Math.max( w, 1 ), BAR_HEIGHT, bar.color() ) );
				svg.append( String.format( Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333333\">%s</text>\n",
						LABEL_WIDTH + w + 6, y + BAR_HEIGHT - 3, esc( bar.note() ) ) );
				y += BAR_HEIGHT + BAR_GAP;
			}
			y += GROUP_GAP;
		}
		svg.append( "</svg>\n" );
		return svg.toString();
	}

	private static int legendWidth(Bar item) {
		return 24 + item.label().length() * 7;
	}

	private static int legendRows(List<Bar> legend) {
		int rows = 1;
		int x = 16;
		for ( Bar item : legend ) {
			if ( x + legendWidth( item ) > WIDTH ) {
				rows++;
				x = 16;
			}
			x += legendWidth( item );
		}
		return rows;
	}

	private static String esc(String text) {
		return text.replace( "&", "&amp;" ).replace( "<", "&lt;" ).replace( ">", "&gt;" );
	}
}
