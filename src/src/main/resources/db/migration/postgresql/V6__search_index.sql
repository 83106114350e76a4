-- Full-text search over titles and transcripts (GET /api/search). The 'simple' configuration
-- neither stems nor drops stop words: feeds are in many languages, and English rules would mangle
-- German ones. Queries use the same expressions so that these indexes serve them.
-- The transcript is indexed up to 400,000 characters (about eleven hours of speech) because a
-- tsvector may not exceed 1 MB, and a longer one would make storing the transcript fail.
CREATE INDEX ix_episode_title_fts ON episode USING GIN (to_tsvector('simple', title));
CREATE INDEX ix_transcript_fts ON transcript USING GIN (to_tsvector('simple', LEFT(markdown, 400000)));
