package dev.foundation.audit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.internal.ChainWalker;
import dev.foundation.audit.internal.CheckpointSignatures;
import org.jspecify.annotations.Nullable;

/**
 * Verifies audit chains from the command line, with the foundation's verifier and no
 * Spring:
 *
 * <pre>
 * java -cp foundation-audit.jar:java-json-canonicalization.jar:postgresql.jar \
 *     dev.foundation.audit.cli.VerifyAuditChain jdbc:postgresql://db/app?user=auditor [--schema foundation] \
 *     [--public-key [id=]pub.pem]... &lt;tenant-uuid|system|all&gt;
 * </pre>
 *
 * Each {@code --public-key} trusts a checkpoint key (an Ed25519 public key, PEM) under a
 * key id: the one before {@code =}, or else the key's default id ({@code ed25519:} and 16
 * hex digits of its fingerprint). With at least one, the retention checkpoint a chain
 * starts at must name a trusted key id and carry that key's signature, or the chain is
 * reported {@code FORGED_CHECKPOINT}; without any, that checkpoint is trusted as stored.
 * Give the active key and the keys it replaced, as the application's
 * {@code foundation.audit.checkpoints.*} do.
 *
 * The password comes from {@code PGPASSWORD}. The role must see every row of the chains
 * (the tables' owner, or a role with BYPASSRLS). One line per chain; exit status 0 when
 * every chain is intact, 1 when one is not, 2 on a usage or connection error.
 */
public final class VerifyAuditChain {

	private VerifyAuditChain() {
	}

	/**
	 * Runs the verifier.
	 * @param args the JDBC URL, optionally {@code --schema name}, and the chain
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.out, System.getenv("PGPASSWORD")));
	}

	/**
	 * Runs the verifier.
	 * @param args the arguments
	 * @param out where to report
	 * @param password the password, if any
	 * @return the exit status
	 */
	public static int run(String[] args, PrintStream out, @Nullable String password) {
		List<String> positional = new ArrayList<>();
		String schema = "foundation";
		List<String> publicKeys = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--schema") && i + 1 < args.length) {
				schema = args[++i];
			}
			else if (args[i].equals("--public-key") && i + 1 < args.length) {
				publicKeys.add(args[++i]);
			}
			else {
				positional.add(args[i]);
			}
		}
		if (positional.size() != 2 || !positional.get(0).startsWith("jdbc:postgresql:")) {
			out.println("usage: VerifyAuditChain <jdbc:postgresql://...> [--schema name] "
					+ "[--public-key [id=]pub.pem]... <tenant-uuid|system|all>");
			return 2;
		}
		@Nullable CheckpointSignatures signatures;
		try {
			signatures = publicKeys.isEmpty() ? null : trusted(publicKeys);
		}
		catch (IllegalArgumentException ex) {
			out.println("error: " + ex.getMessage());
			return 2;
		}
		Properties properties = new Properties();
		if (password != null) {
			properties.setProperty("password", password);
		}
		try (Connection connection = DriverManager.getConnection(positional.get(0), properties)) {
			connection.setAutoCommit(false);
			connection.setReadOnly(true);
			ChainWalker walker = new ChainWalker(schema, signatures);
			boolean intact = true;
			for (UUID chain : chains(connection, schema, positional.get(1))) {
				UUID tenant = (chain.getMostSignificantBits() == 0 && chain.getLeastSignificantBits() == 0) ? null
						: chain;
				ChainVerification result = walker.walk(connection, tenant);
				intact &= result.intact();
				out.println(((tenant != null) ? tenant : "system") + " "
						+ (result.intact() ? "intact" : "BROKEN " + result.problem() + " at " + result.badSeq()) + " ("
						+ result.eventsChecked() + " events checked" + (result.intact() ? "" : "; " + result.message())
						+ ")");
			}
			connection.rollback();
			return intact ? 0 : 1;
		}
		catch (SQLException | IllegalArgumentException ex) {
			out.println("error: " + ex.getMessage());
			return 2;
		}
	}

	// Each argument is "file" or "id=file".
	private static CheckpointSignatures trusted(List<String> arguments) {
		Map<String, PublicKey> keys = new LinkedHashMap<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			String file = (equals < 0) ? argument : argument.substring(equals + 1);
			PublicKey key;
			try {
				key = CheckpointSignatures.readPublicKey(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
			}
			catch (IOException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("the public key " + file + " cannot be read: " + ex.getMessage(),
						ex);
			}
			String id = (equals < 0) ? CheckpointSignatures.defaultKeyId(key)
					: CheckpointSignatures.checkKeyId(argument.substring(0, equals));
			if (keys.putIfAbsent(id, key) != null) {
				throw new IllegalArgumentException("the key id " + id + " is given more than once");
			}
		}
		return new CheckpointSignatures(keys);
	}

	private static List<UUID> chains(Connection connection, String schema, String which) throws SQLException {
		if (which.equals("system")) {
			return List.of(new UUID(0, 0));
		}
		if (!which.equals("all")) {
			return List.of(UUID.fromString(which));
		}
		List<UUID> chains = new ArrayList<>();
		if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("Not a plain lowercase schema name: " + schema);
		}
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select chain_key from " + schema + ".audit_chain_heads order by chain_key")) {
			while (rows.next()) {
				chains.add(rows.getObject(1, UUID.class));
			}
		}
		return chains;
	}

}
