package dev.redisl2.hibernate.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's Markdown files, found from the module directory the tests run in. */
final class RepositoryDocs {

	private RepositoryDocs() {
	}

	static Path root() {
		Path dir = Path.of( "" ).toAbsolutePath();
		while ( dir != null ) {
			if ( Files.isRegularFile( dir.resolve( "README.md" ) ) && Files.isDirectory( dir.resolve( "docs" ) ) ) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException( "no README.md with a docs/ folder above " + Path.of( "" ).toAbsolutePath() );
	}

	/** README.md, CHANGELOG.md and every Markdown file under docs/. */
	static List<Path> markdownFiles() {
		Path root = root();
		List<Path> files = new ArrayList<>();
		for ( String top : List.of( "README.md", "CHANGELOG.md" ) ) {
			if ( Files.isRegularFile( root.resolve( top ) ) ) {
				files.add( root.resolve( top ) );
			}
		}
		try ( Stream<Path> docs = Files.walk( root.resolve( "docs" ) ) ) {
			docs.filter( p -> p.toString().endsWith( ".md" ) ).sorted().forEach( files::add );
		}
		catch (IOException e) {
			throw new UncheckedIOException( e );
		}
		return files;
	}

	static String read(Path file) {
		try {
			return Files.readString( file );
		}
		catch (IOException e) {
			throw new UncheckedIOException( e );
		}
	}
}
