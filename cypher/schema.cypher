// Create the schema: identity (dataset, id) unique among engagemap's nodes (its index also finds a dataset's nodes: the statements ask for n.id IS NOT NULL beside n.dataset); drop the index on dataset alone and the id-only constraints of earlier versions (each was one more index to write for every node pushed, or kept datasets from sharing ids).
// Parameters: none
CREATE CONSTRAINT engagemap_identity IF NOT EXISTS FOR (n:Engagemap) REQUIRE (n.dataset, n.id) IS UNIQUE;
DROP INDEX engagemap_dataset IF EXISTS;
DROP CONSTRAINT organisation_id IF EXISTS;
DROP CONSTRAINT network_id IF EXISTS;
DROP CONSTRAINT partnership_id IF EXISTS;
DROP CONSTRAINT community_id IF EXISTS;
DROP CONSTRAINT seat_id IF EXISTS;
DROP CONSTRAINT person_id IF EXISTS;
