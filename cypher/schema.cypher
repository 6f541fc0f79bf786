// Create the schema: identity (dataset, id) unique among engagemap's nodes; an index on dataset; drop the id-only constraints of earlier versions.
// Parameters: none
CREATE CONSTRAINT engagemap_identity IF NOT EXISTS FOR (n:Engagemap) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE INDEX engagemap_dataset IF NOT EXISTS FOR (n:Engagemap) ON (n.dataset);
DROP CONSTRAINT organisation_id IF EXISTS;
DROP CONSTRAINT network_id IF EXISTS;
DROP CONSTRAINT partnership_id IF EXISTS;
DROP CONSTRAINT community_id IF EXISTS;
DROP CONSTRAINT seat_id IF EXISTS;
DROP CONSTRAINT person_id IF EXISTS;
