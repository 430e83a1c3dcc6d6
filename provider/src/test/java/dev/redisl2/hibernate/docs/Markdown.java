package dev.redisl2.hibernate.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few rules of GitHub-flavoured Markdown the docs checks need: which lines are prose (outside code
 * fences), how a table row splits into cells, and how a heading becomes an anchor. Pure logic.
 */
final class Markdown {

	private static final Pattern SEPARATOR = Pattern.compile( "\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?" );
	private static final Pattern HEADING = Pattern.compile( "#{1,6}\\s+(.*?)\\s*#*\\s*" );
	private static final Pattern LINK = Pattern.compile( "!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)" );

	private Markdown() {
	}

	/** The lines of a document with the contents of fenced code blocks replaced by empty lines. */
	static List<String> proseLines(String text) {
		List<String> lines = new ArrayList<>();
		boolean fenced = false;
		for ( String line : text.split( "\n", -1 ) ) {
			String trimmed = line.trim();
			if ( trimmed.startsWith( "```" ) || trimmed.startsWith( "~~~" ) ) {
				fenced = !fenced;
				lines.add( "" );
				continue;
			}
			lines.add( fenced ? "" : line );
		}
		return lines;
	}

	static boolean isTableRow(String line) {
		return line.trim().startsWith( "|" );
	}

	static boolean isSeparator(String line) {
		return SEPARATOR.matcher( line.trim() ).matches() && line.contains( "-" );
	}

	/** Cells of a table row: split on pipes that are not escaped, outer pipes dropped. */
	static List<String> cells(String row) {
		String text = row.trim();
		if ( text.startsWith( "|" ) ) {
			text = text.substring( 1 );
		}
		if ( text.endsWith( "|" ) && !text.endsWith( "\\|" ) ) {
			text = text.substring( 0, text.length() - 1 );
		}
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		for ( int i = 0; i < text.length(); i++ ) {
			char c = text.charAt( i );
			if ( c == '\\' && i + 1 < text.length() && text.charAt( i + 1 ) == '|' ) {
				cell.append( '|' );
				i++;
			}
			else if ( c == '|' ) {
				cells.add( cell.toString().trim() );
				cell.setLength( 0 );
			}
			else {
				cell.append( c );
			}
		}
		cells.add( cell.toString().trim() );
		return cells;
	}

	/**
	 * Problems with the tables of a document: a block of table rows must follow a blank line (rows right
	 * after a paragraph render as text), start with a header and a separator, and keep the header's
	 * column count in every row.
	 */
	static List<String> tableProblems(String text) {
		List<String> problems = new ArrayList<>();
		List<String> lines = proseLines( text );
		int i = 0;
		while ( i < lines.size() ) {
			if ( !isTableRow( lines.get( i ) ) ) {
				i++;
				continue;
			}
			int start = i;
			while ( i < lines.size() && isTableRow( lines.get( i ) ) ) {
				i++;
			}
			int line = start + 1;
			if ( start > 0 && !lines.get( start - 1 ).isBlank() ) {
				problems.add( "line " + line + ": table rows right after a paragraph (they render as plain text): " + lines.get( start ).trim() );
				continue;
			}
			if ( i - start < 2 || !isSeparator( lines.get( start + 1 ) ) ) {
				problems.add( "line " + line + ": a table needs a header row and a separator row (|---|)" );
				continue;
			}
			int columns = cells( lines.get( start ) ).size();
			for ( int row = start + 1; row < i; row++ ) {
				int count = cells( lines.get( row ) ).size();
				if ( count != columns ) {
					problems.add( "line " + ( row + 1 ) + ": " + count + " cells, the header has " + columns );
				}
			}
		}
		return problems;
	}

	/** Link targets in prose, with inline code spans removed first. */
	static List<String> linkTargets(String text) {
		List<String> targets = new ArrayList<>();
		for ( String line : proseLines( text ) ) {
			Matcher matcher = LINK.matcher( line.replaceAll( "`[^`]*`", "" ) );
			while ( matcher.find() ) {
				targets.add( matcher.group( 1 ) );
			}
		}
		return targets;
	}

	/** The anchors GitHub gives the headings of a document (duplicates get -1, -2, ...). */
	static Set<String> anchors(String text) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for ( String line : proseLines( text ) ) {
			Matcher matcher = HEADING.matcher( line );
			if ( !matcher.matches() ) {
				continue;
			}
			String slug = slug( matcher.group( 1 ) );
			int count = seen.merge( slug, 1, Integer::sum );
			anchors.add( count == 1 ? slug : slug + "-" + ( count - 1 ) );
		}
		return anchors;
	}

	static String slug(String heading) {
		String text = heading.toLowerCase( Locale.ROOT ).replaceAll( "<[^>]*>", "" );
		StringBuilder slug = new StringBuilder();
		for ( int i = 0; i < text.length(); i++ ) {
			char c = text.charAt( i );
			if ( Character.isLetterOrDigit( c ) || c == '-' || c == '_' ) {
				slug.append( c );
			}
			else if ( c == ' ' ) {
				slug.append( '-' );
			}
		}
		return slug.toString();
	}
}
