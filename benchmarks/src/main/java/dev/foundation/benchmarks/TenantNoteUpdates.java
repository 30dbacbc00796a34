package dev.foundation.benchmarks;

import java.util.UUID;

import dev.foundation.audit.Audited;
import dev.foundation.core.error.NotFoundException;

import org.springframework.transaction.annotation.Transactional;

/**
 * The write of {@link AuditedUpdateHttpBenchmark}: one note's body changed in a
 * transaction, audited as {@code note.update} (the event written in the same transaction)
 * when the audit log is on; with {@code foundation.audit.enabled=false} the annotation
 * has no advice and the update is the same without its event.
 */
class TenantNoteUpdates {

	private final TenantNoteRepository notes;

	TenantNoteUpdates(TenantNoteRepository notes) {
		this.notes = notes;
	}

	@Transactional
	@Audited(action = "note.update", resource = "note")
	public TenantNotesController.NoteView update(UUID id, String body) {
		TenantNote note = this.notes.findById(id).orElseThrow(() -> new NotFoundException("No such note"));
		note.setBody(body);
		return TenantNotesController.NoteView.of(this.notes.saveAndFlush(note));
	}

}
