-- 0009: a revision per wheel task, for the calendar. sha256 is the task's
-- definition as last imported; sequence is raised and modified_at set each
-- time an import changes it, so a subscriber's calendar updates an entry
-- (SEQUENCE, LAST-MODIFIED) instead of keeping the old one. Rows from
-- before have sequence 0 and the wheel's import time (modified_at '').
ALTER TABLE wheel_task_active ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE wheel_task_active ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wheel_task_active ADD COLUMN modified_at TEXT NOT NULL DEFAULT '';
