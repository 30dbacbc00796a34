-- E-mail and phone are encrypted at rest (foundation-crypto's @Encrypted: AES-256-GCM under the tenant's data key, in
-- the text form "fe1.<base64url>", 33 bytes plus a third longer than the value) and searchable by exact value through
-- blind indexes ("<key version>.<base64url HMAC>"), never by comparing plaintext. See docs/crypto.md.
--
-- Plaintext values cannot be encrypted in SQL: a database that already holds e-mail addresses or phone numbers stops
-- here with an error instead of keeping them readable next to ciphertexts (encrypt them with the application first).
do $$
begin
    if exists (select 1 from contacts where email is not null or phone is not null) then
        raise exception 'contacts holds plaintext e-mail addresses or phone numbers: encrypt them before V4';
    end if;
end
$$;

alter table contacts alter column email type text, alter column phone type text;
alter table contacts add column email_index text, add column phone_index text;

drop index contacts_tenant_phone_idx;
create index contacts_tenant_phone_index_idx on contacts (tenant_id, phone_index) where deleted_at is null;
create index contacts_tenant_email_index_idx on contacts (tenant_id, email_index) where deleted_at is null;
