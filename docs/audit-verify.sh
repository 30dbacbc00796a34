#!/usr/bin/env bash
# Recomputes every hash of one audit chain with psql, jq and sha256sum only, and checks sequence numbers and links:
# what an outside auditor runs without trusting the foundation's code. See docs/audit.md, "Canonical form".
#
#   docs/audit-verify.sh 'postgresql://auditor@db.example.com/app' 0b9d...-tenant-uuid [schema]
#   docs/audit-verify.sh 'postgresql://auditor@db.example.com/app' system [schema]
#
# The role needs SELECT on the audit tables and must see every row of the chain (the tables' owner, or a role with
# BYPASSRLS). Prints "ok <events>" or the first problem, exit status 1.
set -euo pipefail
db=$1
tenant=$2
schema=${3:-foundation}
[[ $schema =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad schema name" >&2; exit 2; }
if [[ $tenant == system ]]; then
  chain="tenant_id is null"
elif [[ $tenant =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]]; then
  chain="tenant_id = '$tenant'"
else
  echo "tenant must be a lowercase UUID or 'system'" >&2; exit 2
fi

prev=0000000000000000000000000000000000000000000000000000000000000000
expected=1
while IFS= read -r row; do
  seq=$(jq -r .seq <<<"$row")
  stored=$(jq -r .hash <<<"$row")
  link=$(jq -r .prev_hash <<<"$row")
  # The canonical form: every column but hash, plus "v":1, keys sorted, no whitespace, UTF-8 (RFC 8785).
  actual=$(jq -cSj 'del(.hash)' <<<"$row" | sha256sum | cut -d' ' -f1)
  [[ $seq == "$expected" ]] || { echo "sequence number $expected missing or repeated (found $seq)"; exit 1; }
  [[ $actual == "$stored" ]] || { echo "event $seq was modified"; exit 1; }
  [[ $link == "$prev" ]] || { echo "event $seq does not link to event $((seq - 1))"; exit 1; }
  prev=$stored
  expected=$((seq + 1))
done < <(psql "$db" -AtX -v ON_ERROR_STOP=1 -c "
  select json_build_object(
      'id', id, 'tenant_id', tenant_id, 'seq', seq,
      'occurred_at', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),
      'actor_id', actor_id, 'actor_kind', actor_kind, 'action', action,
      'resource_type', resource_type, 'resource_id', resource_id, 'outcome', outcome,
      'correlation_id', correlation_id, 'client_ip', client_ip, 'user_agent', user_agent,
      'details', details, 'prev_hash', prev_hash, 'v', 1, 'hash', hash)
    from $schema.audit_events where $chain order by seq")
last=$(psql "$db" -AtX -v ON_ERROR_STOP=1 -c "select coalesce(max(last_seq), 0) from $schema.audit_chain_heads
  where chain_key = coalesce((select tenant_id from $schema.audit_chain_heads where $chain limit 1),
                             '00000000-0000-0000-0000-000000000000')")
(( expected - 1 >= last )) || { echo "the chain ends at $((expected - 1)) but its head is at $last"; exit 1; }
echo "ok $((expected - 1))"
