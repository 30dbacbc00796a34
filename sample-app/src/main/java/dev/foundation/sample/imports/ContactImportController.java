package dev.foundation.sample.imports;

import java.io.IOException;
import java.net.URI;

import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.ratelimit.RateLimit;
import dev.foundation.core.ratelimit.RateLimitKey;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/contact-imports}: a CSV upload becomes a background job; the answer
 * ({@code 202}) points to its status and its event stream. Limited to a few uploads per
 * tenant and minute, across all instances.
 */
@RestController
@RequestMapping("/api/v1/contact-imports")
class ContactImportController {

	private final ContactImporter importer;

	ContactImportController(ContactImporter importer) {
		this.importer = importer;
	}

	@RateLimit(limit = "10/1m", per = RateLimitKey.TENANT, name = "contact-imports")
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImportStarted> start(@RequestPart("file") MultipartFile file) {
		byte[] upload;
		try {
			upload = file.getBytes();
		}
		catch (IOException ex) {
			throw new BadRequestException("The upload could not be read");
		}
		JobRef job = this.importer.start(upload);
		String status = "/api/v1/jobs/" + job.jobId();
		return ResponseEntity.accepted()
			.location(URI.create(status))
			.body(new ImportStarted(job.jobId(), status, status + "/events"));
	}

	/**
	 * Where to follow the import.
	 *
	 * @param jobId the job's id
	 * @param status the job's last status (JSON)
	 * @param events the job's events (Server-Sent Events)
	 */
	record ImportStarted(String jobId, String status, String events) {

	}

}
