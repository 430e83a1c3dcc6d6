package dev.redisl2.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The ACL recipes of docs/security.md, read from the document itself: the line after
 * {@code <!-- recipe: NAME -->}, an {@code ACL SETUSER app on >secret ~redisl2:* ...} command. Returns the rules
 * after the key pattern (channel patterns, {@code -@all}, the commands), for a test user of its own.
 */
final class AclRecipes {

	private AclRecipes() {
	}

	static List<String> rules(String recipe) {
		List<String> lines = read();
		String marker = "<!-- recipe: " + recipe + " -->";
		int at = lines.indexOf( marker );
		if ( at < 0 || at + 1 >= lines.size() ) {
			throw new IllegalStateException( "docs/security.md has no recipe '" + recipe + "'" );
		}
		String[] words = lines.get( at + 1 ).trim().split( "\\s+" );
		if ( words.length < 7 || !String.join( " ", Arrays.copyOf( words, 6 ) ).equals( "ACL SETUSER app on >secret ~redisl2:*" ) ) {
			throw new IllegalStateException( "recipe '" + recipe + "' is not 'ACL SETUSER app on >secret ~redisl2:* ...': " + lines.get( at + 1 ) );
		}
		return List.of( Arrays.copyOfRange( words, 6, words.length ) );
	}

	private static List<String> read() {
		Path dir = Path.of( "" ).toAbsolutePath();
		while ( dir != null && !Files.isRegularFile( dir.resolve( "docs/security.md" ) ) ) {
			dir = dir.getParent();
		}
		if ( dir == null ) {
			throw new IllegalStateException( "docs/security.md not found above " + Path.of( "" ).toAbsolutePath() );
		}
		try {
			return Files.readAllLines( dir.resolve( "docs/security.md" ) ).stream().map( String::strip ).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException( e );
		}
	}
}
