INSERT INTO transcription_model (id, display_name, backend, is_enabled, sort_order, size_mb, created_at) VALUES
  ('parakeet-tdt-0.6b-v3', 'Parakeet TDT 0.6B v3 (fast, 25 EU languages)', 'parakeet', TRUE, 0, 2400, CURRENT_TIMESTAMP),
  ('large-v3-turbo', 'Whisper large-v3-turbo', 'whisper', TRUE, 10, 1600, CURRENT_TIMESTAMP),
  ('large-v3', 'Whisper large-v3', 'whisper', TRUE, 20, 3000, CURRENT_TIMESTAMP),
  ('large-v2', 'Whisper large-v2', 'whisper', TRUE, 30, 3000, CURRENT_TIMESTAMP),
  ('medium', 'Whisper medium', 'whisper', TRUE, 40, 1500, CURRENT_TIMESTAMP),
  ('small', 'Whisper small', 'whisper', TRUE, 50, 466, CURRENT_TIMESTAMP),
  ('base', 'Whisper base', 'whisper', TRUE, 60, 142, CURRENT_TIMESTAMP),
  ('tiny', 'Whisper tiny', 'whisper', TRUE, 70, 75, CURRENT_TIMESTAMP),
  ('sphinx', 'PocketSphinx en-US (CPU, tests and smoke checks)', 'sphinx', TRUE, 90, 30, CURRENT_TIMESTAMP);
