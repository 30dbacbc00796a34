-- The table of KeysetScrollIntegrationTests' entity, with an index in the order it scrolls.
create table test_article (
    id uuid primary key,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version bigint not null,
    title text not null
);

create index test_article_title_idx on test_article (title, id);
