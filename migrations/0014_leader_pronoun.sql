-- How the report, the survey and the emails refer to a leader (issue 15):
-- she, he, they, or name, where the first name is repeated instead of a
-- pronoun. Existing leaders get name, the wording that assumes nothing.
ALTER TABLE leaders ADD COLUMN pronoun TEXT NOT NULL DEFAULT 'name'
    CHECK (pronoun IN ('she', 'he', 'they', 'name'));

-- The built-in frameworks' items refer to the leader with the pronoun
-- placeholders ({their}, {them}), so that they follow the pronoun. A
-- database made before gets the items whose words stay the same but for the
-- placeholder; the few reworded to avoid a verb after "they" keep their old
-- words there, since closed rounds were answered in them. A coach's own
-- frameworks are the coach's words and stay as written.
UPDATE items SET text_other = '{leader} shows {their} real self instead of playing a role.'
    WHERE text_other = '{leader} shows their real self instead of playing a role.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} persuades people with reasons instead of relying on {their} title.'
    WHERE text_other = '{leader} persuades people with reasons instead of relying on their title.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} keeps {their} own stress from spilling over onto others.'
    WHERE text_other = '{leader} keeps their own stress from spilling over onto others.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} recognises situations that bring out the worst in {them}.'
    WHERE text_other = '{leader} recognises situations that bring out the worst in them.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} seeks out views that challenge {their} own.'
    WHERE text_other = '{leader} seeks out views that challenge their own.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} keeps {their} word.'
    WHERE text_other = '{leader} keeps their word.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} makes it safe for people to challenge {them}.'
    WHERE text_other = '{leader} makes it safe for people to challenge them.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} is mindful of how {their} position affects what people dare to say.'
    WHERE text_other = '{leader} is mindful of how their position affects what people dare to say.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} makes time for {their} own learning.'
    WHERE text_other = '{leader} makes time for their own learning.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'executive');
UPDATE items SET text_other = '{leader} checks {their} understanding before responding.'
    WHERE text_other = '{leader} checks their understanding before responding.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'leadership');
UPDATE items SET text_other = '{leader} is willing to change {their} mind after hearing others out.'
    WHERE text_other = '{leader} is willing to change their mind after hearing others out.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'leadership');
UPDATE items SET text_other = '{leader} asks for feedback on {their} own performance.'
    WHERE text_other = '{leader} asks for feedback on their own performance.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'leadership');
UPDATE items SET text_other = '{leader} recognises the effect {their} behaviour has on others.'
    WHERE text_other = '{leader} recognises the effect their behaviour has on others.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'leadership');
UPDATE items SET text_other = '{leader} is open about the limits of {their} knowledge.'
    WHERE text_other = '{leader} is open about the limits of their knowledge.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'leadership');
UPDATE items SET text_other = '{leader} looks after {their} own energy so {they} can lead well over time.'
    WHERE text_other = '{leader} looks after their own energy so they can lead well over time.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'leadership');
UPDATE items SET text_other = '{leader} makes it safe for people to disagree with {them}.'
    WHERE text_other = '{leader} makes it safe for people to disagree with them.' AND competency_id IN (SELECT c.id FROM competencies c
    JOIN frameworks f ON f.id = c.framework_id WHERE f.coach_id IS NULL AND f.key = 'leadership');
