package dev.redisl2.hibernate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every Markdown table in README.md and docs/ renders as a table on a code host. */
class MarkdownTablesTest {

	@Test
	void everyTableInTheDocsIsWellFormed() {
		List<String> problems = new ArrayList<>();
		for ( Path file : RepositoryDocs.markdownFiles() ) {
			for ( String problem : Markdown.tableProblems( RepositoryDocs.read( file ) ) ) {
				problems.add( RepositoryDocs.root().relativize( file ) + " " + problem );
			}
		}
		assertEquals( List.of(), problems );
	}

	@Test
	void rowsAfterAParagraphAreReported() {
		String text = "| a | b |\n|---|---|\n| 1 | 2 |\n\nA note.\n| 3 | 4 |\n";
		List<String> problems = Markdown.tableProblems( text );
		assertEquals( 1, problems.size(), problems.toString() );
		assertTrue( problems.get( 0 ).startsWith( "line 6: table rows right after a paragraph" ), problems.get( 0 ) );
	}

	@Test
	void aRowWithAnotherColumnCountIsReported() {
		assertEquals( List.of( "line 3: 3 cells, the header has 2" ),
				Markdown.tableProblems( "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n" ) );
	}

	@Test
	void aTableWithoutSeparatorIsReported_andCodeBlocksAreIgnored() {
		assertEquals( 1, Markdown.tableProblems( "| a | b |\n| 1 | 2 |\n" ).size() );
		assertEquals( List.of(), Markdown.tableProblems( "text\n```\n| not | a table\n```\n" ) );
		assertEquals( List.of( "a|b", "c" ), Markdown.cells( "| a\\|b | c |" ) );
	}
}
