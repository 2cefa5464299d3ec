-- 0012: a unit's tertial report saved in the web form but not yet
-- submitted (issue 15). A draft is one row per unit and period holding the
-- reports as JSON; submitting stores a snapshot like an imported form and
-- removes the draft. Drafts never count as reports.
CREATE TABLE report_draft (
    unit     TEXT NOT NULL,
    period   TEXT NOT NULL, -- as budget.Period writes it: 2027-T1, 2027-year
    reports  TEXT NOT NULL, -- JSON: []budget.MeasureReport
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (unit, period)
) STRICT;
