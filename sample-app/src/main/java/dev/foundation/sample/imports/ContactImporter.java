package dev.foundation.sample.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.error.ProblemTypes;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobStatusPublisher;
import dev.foundation.sample.contact.ContactRequest;
import dev.foundation.sample.contact.ContactService;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Imports contacts from CSV (a header row with {@code name}, and optionally
 * {@code email}, {@code phone}, {@code company}) in the background, one transaction per
 * contact, publishing the job's progress. Rows that fail validation are skipped and
 * counted.
 */
@Service
public class ContactImporter {

	/** The most rows one upload may hold. */
	static final int MAX_ROWS = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(ContactImporter.class);

	private static final CsvMapper csv = new CsvMapper();

	private final ContactService contacts;

	private final JobStatusPublisher jobs;

	private final Validator validator;

	private final TaskExecutor executor;

	ContactImporter(ContactService contacts, JobStatusPublisher jobs, Validator validator, TaskExecutor executor) {
		this.contacts = contacts;
		this.jobs = jobs;
		this.validator = validator;
		this.executor = executor;
	}

	/**
	 * Reads the upload and starts importing it for the current tenant.
	 * @param upload the CSV file's bytes
	 * @return the job, whose status and events the tenant can read
	 * @throws BadRequestException if the file is not CSV with a name column or has too
	 * many rows
	 */
	public JobRef start(byte[] upload) {
		List<ContactRequest> rows = parse(upload);
		JobRef job = JobRef.newJob();
		this.jobs.started(job);
		// The job runs as the caller: its tenant binds each transaction.
		RequestContext context = RequestContexts.current();
		this.executor.execute(() -> {
			try (RequestContexts.Scope scope = RequestContexts.bind(context)) {
				run(job, rows);
			}
		});
		return job;
	}

	private void run(JobRef job, List<ContactRequest> rows) {
		int imported = 0;
		int skipped = 0;
		int reported = -1;
		try {
			for (int index = 0; index < rows.size(); index++) {
				ContactRequest row = rows.get(index);
				if (this.validator.validate(row).isEmpty()) {
					this.contacts.create(row);
					imported++;
				}
				else {
					skipped++;
				}
				int percent = (int) ((index + 1) * 100L / rows.size());
				if (percent != reported) {
					reported = percent;
					this.jobs.progress(job, percent, imported + " imported, " + skipped + " skipped");
				}
			}
			this.jobs.completed(job, "/api/v1/contacts");
		}
		catch (RuntimeException ex) {
			logger.error("Contact import {} failed after {} contacts", job.jobId(), imported, ex);
			this.jobs.failed(job, ProblemTypes.INTERNAL_ERROR);
		}
	}

	private static List<ContactRequest> parse(byte[] upload) {
		List<ContactRequest> rows = new ArrayList<>();
		try (MappingIterator<Map<String, String>> lines = csv.readerFor(Map.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(upload)) {
			while (lines.hasNext()) {
				Map<String, String> line = lines.next();
				String name = line.get("name");
				if (name == null) {
					throw new BadRequestException("The CSV needs a header row with a 'name' column");
				}
				if (rows.size() == MAX_ROWS) {
					throw new BadRequestException("At most " + MAX_ROWS + " contacts per upload");
				}
				rows.add(new ContactRequest(name, blankToNull(line.get("email")), blankToNull(line.get("phone")),
						blankToNull(line.get("company"))));
			}
		}
		catch (JacksonException ex) {
			throw new BadRequestException("The upload is not readable CSV");
		}
		return rows;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
