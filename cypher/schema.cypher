// Create the schema: a uniqueness constraint on id and an index on dataset for each label.
// Parameters: none
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE INDEX organisation_dataset IF NOT EXISTS FOR (n:Organisation) ON (n.dataset);
CREATE CONSTRAINT network_id IF NOT EXISTS FOR (n:Network) REQUIRE n.id IS UNIQUE;
CREATE INDEX network_dataset IF NOT EXISTS FOR (n:Network) ON (n.dataset);
CREATE CONSTRAINT partnership_id IF NOT EXISTS FOR (n:Partnership) REQUIRE n.id IS UNIQUE;
CREATE INDEX partnership_dataset IF NOT EXISTS FOR (n:Partnership) ON (n.dataset);
CREATE CONSTRAINT community_id IF NOT EXISTS FOR (n:Community) REQUIRE n.id IS UNIQUE;
CREATE INDEX community_dataset IF NOT EXISTS FOR (n:Community) ON (n.dataset);
CREATE CONSTRAINT seat_id IF NOT EXISTS FOR (n:Seat) REQUIRE n.id IS UNIQUE;
CREATE INDEX seat_dataset IF NOT EXISTS FOR (n:Seat) ON (n.dataset);
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE INDEX person_dataset IF NOT EXISTS FOR (n:Person) ON (n.dataset);
