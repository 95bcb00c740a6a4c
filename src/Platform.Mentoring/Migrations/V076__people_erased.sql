-- The day a person's personal data was erased (consent withdrawn, retention ended, the subject's request): the row stays, without
-- the data, so that the school's counts and the district's reports stay right.
ALTER TABLE mentoring.people ADD COLUMN erased_on date;
