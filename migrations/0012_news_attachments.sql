-- A news item may point to a document of the resource library (checked there from its
-- content), downloadable from the item's page when the item is public.
ALTER TABLE news_items ADD COLUMN resource_id BIGINT REFERENCES resources (id) ON DELETE SET NULL;
