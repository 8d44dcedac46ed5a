"""Tables of the DuckDB store. One statement per table so each stage owns its DDL.

Spans are stored as (start, end, text) offsets into `articles.text`.
"""

TABLES: dict[str, str] = {
    "articles": """
        CREATE TABLE IF NOT EXISTS articles (
            id VARCHAR PRIMARY KEY,          -- content hash of the clean body
            doc_id VARCHAR, source VARCHAR, url VARCHAR, domain VARCHAR, kind VARCHAR,
            title VARCHAR, dateline VARCHAR, byline VARCHAR, authors VARCHAR[],
            published DATE, language VARCHAR, skipped VARCHAR,
            text VARCHAR, body_start INTEGER, offsets VARCHAR,  -- offsets: JSON [[text_start, input_start, length], ...]
            story VARCHAR, stages VARCHAR[], stored_at TIMESTAMP DEFAULT current_timestamp
        )""",
    "entities": """
        CREATE TABLE IF NOT EXISTS entities (
            article_id VARCHAR, entity_id VARCHAR, name VARCHAR, type VARCHAR, title VARCHAR,
            country VARCHAR, affiliation VARCHAR, code VARCHAR, sector VARCHAR,
            PRIMARY KEY (article_id, entity_id)
        )""",
    "mentions": """
        CREATE TABLE IF NOT EXISTS mentions (
            article_id VARCHAR, entity_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR
        )""",
    "quotes": """
        CREATE TABLE IF NOT EXISTS quotes (
            article_id VARCHAR, quote_no INTEGER, kind VARCHAR,
            speaker_start INTEGER, speaker_end INTEGER, speaker_text VARCHAR, speaker_entity VARCHAR,
            speaker_name VARCHAR,
            cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
            content VARCHAR, content_spans VARCHAR,  -- content_spans: JSON [[start, end], ...]
            rule VARCHAR,
            PRIMARY KEY (article_id, quote_no)
        )""",
    "events": """
        CREATE TABLE IF NOT EXISTS events (
            article_id VARCHAR, event_no INTEGER, type VARCHAR, mode VARCHAR, cameo VARCHAR,
            source VARCHAR, target VARCHAR,          -- JSON lists of actors
            source_code VARCHAR, target_code VARCHAR, -- first actor's code, for filtering
            place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE, date VARCHAR,
            evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
            negated BOOLEAN, hypothetical BOOLEAN, confidence DOUBLE, rule VARCHAR,
            PRIMARY KEY (article_id, event_no)
        );
        -- One row per event per story (GDELT's events table): the columns above are its first
        -- mention's; every article that reports it has a row in event_mentions.
        ALTER TABLE events ADD COLUMN IF NOT EXISTS event_id VARCHAR;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS story VARCHAR;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS num_mentions INTEGER;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS num_articles INTEGER;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS num_sources INTEGER""",
    "event_mentions": """
        CREATE TABLE IF NOT EXISTS event_mentions (
            event_id VARCHAR, story VARCHAR, article_id VARCHAR, event_no INTEGER,
            input VARCHAR,                    -- the input document (ingested.key): exact copies count too
            domain VARCHAR, published DATE,
            evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
            negated BOOLEAN, confidence DOUBLE
        )""",
    "story_signatures": """
        CREATE TABLE IF NOT EXISTS story_signatures (
            article_id VARCHAR PRIMARY KEY, shingles INTEGER, signature BLOB,  -- MinHash, 128 x uint32 LE
            indexed BOOLEAN  -- searchable by LSH when stored (stories.StoryIndex); rowid order = input order
        )""",
    "ingested": """
        CREATE TABLE IF NOT EXISTS ingested (  -- the ledger of processed inputs: re-runs skip these
            key VARCHAR PRIMARY KEY,          -- source + TAB + input id
            article_id VARCHAR, outcome VARCHAR  -- stored | duplicate | rejected:REASON
        )""",
    "places": """
        CREATE TABLE IF NOT EXISTS places (
            article_id VARCHAR, place_no INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
            name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, feature VARCHAR, geonameid BIGINT,
            rule VARCHAR,
            PRIMARY KEY (article_id, place_no)
        )""",
    "times": """
        CREATE TABLE IF NOT EXISTS times (
            article_id VARCHAR, time_no INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
            type VARCHAR, value VARCHAR, rule VARCHAR,
            PRIMARY KEY (article_id, time_no)
        )""",
    "rejected": """
        CREATE TABLE IF NOT EXISTS rejected (
            source VARCHAR, doc_id VARCHAR, reason VARCHAR, detail VARCHAR,
            rejected_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (source, doc_id)
        )""",
    "meta": """
        CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
}

SCHEMA_VERSION = "1"
