-- A depersonalised export of the people list shows no one's personal data, but the choice not to include it is journaled
-- too (152-ФЗ: the director sees every export of the list): one row of the journal without a person.
ALTER TABLE mentoring.personal_data_views ALTER COLUMN person_id DROP NOT NULL;
