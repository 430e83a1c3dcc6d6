package dev.redisl2.example;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LibraryController {

	private final AuthorRepository authors;

	LibraryController(AuthorRepository authors) {
		this.authors = authors;
	}

	/** Creates an author with books: {@code {"name": "...", "books": ["...", "..."]}}. */
	@PostMapping("/authors")
	@Transactional
	public Map<String, Object> create(@RequestBody Map<String, Object> body) {
		Author author = new Author( (String) body.get( "name" ) );
		for ( Object title : (List<?>) body.getOrDefault( "books", List.of() ) ) {
			author.getBooks().add( new Book( (String) title, author ) );
		}
		return Map.of( "id", authors.save( author ).getId() );
	}

	/** The author and their book titles: from Redis after the first read (entity, collection and books). */
	@GetMapping("/authors/{id}")
	@Transactional(readOnly = true)
	public ResponseEntity<Map<String, Object>> read(@PathVariable long id) {
		return authors.findById( id )
				.map( a -> ResponseEntity.ok( Map.<String, Object>of( "name", a.getName(),
						"books", a.getBooks().stream().map( Book::getTitle ).sorted().toList() ) ) )
				.orElse( ResponseEntity.notFound().build() );
	}
}
