-- Tables of BaseEntityIntegrationTests' entities, with the columns BaseEntity and SoftDeletableEntity document.
create table test_widget (
    id uuid primary key,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version bigint not null,
    name text not null
);

create table test_note (
    id uuid primary key,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version bigint not null,
    deleted_at timestamptz,
    text text not null
);
