-- The coach `rapport demo` makes is marked, so that no email about its
-- rounds is ever sent (demo addresses are not real people): the mail
-- worker skips them, however late they fall due (reminders, the close
-- notice at the deadline).
ALTER TABLE coaches ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
