"""The database layout, in one place, with its version.

``SCHEMA_VERSION`` changes whenever a table changes; a database of another
version is refused with a clear message rather than read wrongly. A new
table (``fetches`` came after version 2) is created when a database is
opened, so it needs no new version.
"""

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, inputs TEXT NOT NULL,
    config TEXT NOT NULL, counts TEXT);
CREATE TABLE IF NOT EXISTS problems (
    run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL, problem TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open', merged_into TEXT, latest TEXT, vector_sum BLOB NOT NULL,
    names TEXT NOT NULL, title_words TEXT NOT NULL, closed TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id),
    path TEXT NOT NULL, idx INTEGER NOT NULL, outlet TEXT NOT NULL, outlet_origin TEXT NOT NULL,
    title TEXT NOT NULL, paragraphs TEXT NOT NULL, body TEXT NOT NULL, url TEXT,
    published TEXT, author TEXT, duplicate_of TEXT, body_hash TEXT NOT NULL,
    minhash BLOB NOT NULL, vector BLOB NOT NULL, run_id INTEGER NOT NULL, bundle TEXT);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE TABLE IF NOT EXISTS briefs (
    story_id TEXT PRIMARY KEY REFERENCES stories(id), run_id INTEGER NOT NULL,
    updated TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    hash TEXT PRIMARY KEY, article_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outlet_lines (
    outlet TEXT NOT NULL, line TEXT NOT NULL, document TEXT NOT NULL,
    PRIMARY KEY (outlet, line, document)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fetches (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='articles', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
"""
