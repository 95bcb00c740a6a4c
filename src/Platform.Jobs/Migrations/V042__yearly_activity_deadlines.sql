-- Yearly road map activities are a deadline source too (one deadline per school year of the road map): the scans find
-- the open ones without reading every activity.
CREATE INDEX IF NOT EXISTS road_map_activities_open_yearly ON mentoring.road_map_activities (tenant_id, road_map_id)
  WHERE period_kind = 'yearly' AND last_day IS NULL AND status IN ('planned', 'in_progress');
