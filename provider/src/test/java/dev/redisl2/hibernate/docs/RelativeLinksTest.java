package dev.redisl2.hibernate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every relative link in README.md and docs/ reaches a file, and every #anchor a heading of it. */
class RelativeLinksTest {

	/**
	 * Pages other branches add (issue 15's parallel work). Links to them are accepted while the file is
	 * absent; once a merge brings one in, its links and anchors are checked like any other. Empty this
	 * set after the merges.
	 */
	private static final Set<String> PENDING_PAGES = Set.of();

	@Test
	void everyRelativeLinkResolves() {
		Path root = RepositoryDocs.root();
		List<String> problems = new ArrayList<>();
		for ( Path file : RepositoryDocs.markdownFiles() ) {
			String text = RepositoryDocs.read( file );
			for ( String target : Markdown.linkTargets( text ) ) {
				String problem = problem( root, file, text, target );
				if ( problem != null ) {
					problems.add( root.relativize( file ) + ": " + target + ": " + problem );
				}
			}
		}
		assertEquals( List.of(), problems );
	}

	private static String problem(Path root, Path file, String text, String target) {
		if ( target.matches( "[a-zA-Z][a-zA-Z0-9+.-]*:.*" ) ) {
			return null; // https:, mailto:: not checked here (no network in CI)
		}
		int hash = target.indexOf( '#' );
		String path = hash < 0 ? target : target.substring( 0, hash );
		String anchor = hash < 0 ? null : target.substring( hash + 1 );
		Path resolved = path.isEmpty() ? file : file.getParent().resolve( path ).normalize();
		if ( !resolved.startsWith( root ) ) {
			return "leaves the repository";
		}
		if ( !Files.exists( resolved ) ) {
			return PENDING_PAGES.contains( root.relativize( resolved ).toString().replace( '\\', '/' ) ) ? null : "no such file";
		}
		if ( anchor == null ) {
			return null;
		}
		if ( !resolved.toString().endsWith( ".md" ) ) {
			return "an anchor into a file that is not Markdown";
		}
		String targetText = resolved.equals( file ) ? text : RepositoryDocs.read( resolved );
		return Markdown.anchors( targetText ).contains( anchor ) ? null : "no heading with anchor #" + anchor;
	}

	@Test
	void anchorsFollowGitHubRules() {
		assertEquals( Set.of( "what-nothing-stale-after-an-outage-means-precisely", "the-invariants-of-entrylua", "a", "a-1" ),
				Markdown.anchors( "## What \"nothing stale after an outage\" means, precisely\n### The invariants of `entry.lua`\n# A\n# A\n" ) );
		assertEquals( List.of( "docs/x.md#y", "../z.svg" ),
				Markdown.linkTargets( "see [x](docs/x.md#y) and ![z](../z.svg), not `[q](nowhere.md)`\n```\n[c](code.md)\n```\n" ) );
	}
}
