-- What a feed refresh needs to remember between polls: the validators for a conditional GET
-- (ETag, Last-Modified, as the server sent them) and the last error, shown on the feed while the
-- feed's other data stays as it was.
ALTER TABLE feed ADD COLUMN etag VARCHAR(1000);
ALTER TABLE feed ADD COLUMN last_modified VARCHAR(200);
ALTER TABLE feed ADD COLUMN last_error VARCHAR(4000);
ALTER TABLE feed ADD COLUMN last_error_at TIMESTAMP WITH TIME ZONE;
