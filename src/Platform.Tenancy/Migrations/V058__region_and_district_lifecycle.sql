-- Regions and districts come on board through the API: the platform administrator creates and changes a region,
-- its officer the region's districts (renamed, moved to another of the region's time zones, closed and reopened).
-- The registry keeps what it kept, plus every time zone of a region (its districts live in one of them; NULL: only
-- its default zone, as rows written before this, and by scripts that insert the old columns) and the day a district
-- was closed.

ALTER TABLE registry.regions ADD COLUMN time_zones text[];
ALTER TABLE registry.regions ADD CONSTRAINT regions_default_zone_listed CHECK (time_zones IS NULL OR time_zone = ANY (time_zones));

ALTER TABLE registry.districts ADD COLUMN closed_on date;

-- A region's officer is invited to the region, under no district (a district's curator, to the district).
ALTER TABLE identity.invitations ALTER COLUMN district_id DROP NOT NULL;
