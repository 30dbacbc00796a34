package dev.foundation.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.foundation.core.error.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant-scoped read endpoints of {@link TenancyReadBenchmark}: the caller's tenant's
 * notes, newest first, and one note by id (404 for another tenant's note).
 */
@RestController
class TenantNotesController {

	static final String NOTES = "/api/v1/notes";

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

	private final TenantNoteRepository notes;

	private final TenantNoteUpdates updates;

	TenantNotesController(TenantNoteRepository notes, TenantNoteUpdates updates) {
		this.notes = notes;
		this.updates = updates;
	}

	@PutMapping(NOTES + "/{id}")
	NoteView update(@PathVariable UUID id, @RequestBody NoteChange change) {
		return this.updates.update(id, change.body());
	}

	record NoteChange(String body) {
	}

	@GetMapping(NOTES)
	List<NoteView> list() {
		return this.notes.findAll(NEWEST_FIRST).stream().map(NoteView::of).toList();
	}

	@GetMapping(NOTES + "/{id}")
	NoteView get(@PathVariable UUID id) {
		return this.notes.findById(id).map(NoteView::of).orElseThrow(() -> new NotFoundException("No such note"));
	}

	record NoteView(@Nullable UUID id, @Nullable UUID tenantId, String body, @Nullable Instant createdAt) {

		static NoteView of(TenantNote note) {
			return new NoteView(note.getId(), note.getTenantId(), note.getBody(), note.getCreatedAt());
		}

	}

}
