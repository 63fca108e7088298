-- Versions before this one held a batch stopped by a spent daily quota with a fixed not_before
-- (the reset as then known; Salesforce's rolling window: 24 hours on). Rows held for a quota now
-- stay due and go when the governor can pay, so such holds are lifted once. Every other wait that
-- not_before carries (a pacing hold, a failed record's retry) is decided again on the next pass:
-- at worst a retry comes one pass early; its attempts still count.
UPDATE outbox SET not_before = NULL WHERE not_before IS NOT NULL;
