package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// SyncBuiltin inserts each built-in framework that the database does not
// hold yet. Existing ones are left as they are: rounds point at their items.
func (s *Store) SyncBuiltin(ctx context.Context, builtin []rapport.Framework) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		for i := range builtin {
			var n int
			if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM frameworks WHERE coach_id IS NULL AND key = ?`, builtin[i].Key); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			if err := s.insertFramework(ctx, tx, nil, &builtin[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// CreateFramework adds a coach's own framework. Its key may not clash with
// a built-in one or another of the coach's.
func (s *Store) CreateFramework(ctx context.Context, coachID int64, f *rapport.Framework) (*rapport.Framework, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM frameworks WHERE key = ? AND (coach_id IS NULL OR coach_id = ?)`, f.Key, coachID); err != nil {
			return err
		}
		if n > 0 {
			return rapport.ErrFrameworkKeyTaken(f.Key)
		}
		return s.insertFramework(ctx, tx, &coachID, f)
	})
	if err != nil {
		return nil, err
	}
	return s.Framework(ctx, coachID, f.Key)
}

func (s *Store) insertFramework(ctx context.Context, tx *sqlx.Tx, coachID *int64, f *rapport.Framework) error {
	labels, err := json.Marshal(f.Scale.Labels)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO frameworks (coach_id, key, name, description, scale_min, scale_max, scale_labels, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, coachID, f.Key, f.Name, f.Description, f.Scale.Min, f.Scale.Max, string(labels), s.now().Unix())
	if err != nil {
		return fmt.Errorf("store: insert framework %s: %w", f.Key, err)
	}
	fid, _ := res.LastInsertId()
	f.ID, f.CoachID, f.Builtin = fid, coachID, coachID == nil
	for ci := range f.Competencies {
		c := &f.Competencies[ci]
		res, err := tx.ExecContext(ctx, `INSERT INTO competencies (framework_id, position, key, name, description) VALUES (?, ?, ?, ?, ?)`,
			fid, ci, c.Key, c.Name, c.Description)
		if err != nil {
			return fmt.Errorf("store: insert competency %s: %w", c.Key, err)
		}
		c.ID, _ = res.LastInsertId()
		for ii := range c.Items {
			it := &c.Items[ii]
			res, err := tx.ExecContext(ctx, `INSERT INTO items (competency_id, position, key, text_self, text_other) VALUES (?, ?, ?, ?, ?)`,
				c.ID, ii, it.Key, it.TextSelf, it.TextOther)
			if err != nil {
				return fmt.Errorf("store: insert item %s: %w", it.Key, err)
			}
			it.ID, _ = res.LastInsertId()
		}
	}
	for qi := range f.OpenQuestions {
		q := &f.OpenQuestions[qi]
		res, err := tx.ExecContext(ctx, `INSERT INTO open_questions (framework_id, position, key, text) VALUES (?, ?, ?, ?)`,
			fid, qi, q.Key, q.Text)
		if err != nil {
			return fmt.Errorf("store: insert open question %s: %w", q.Key, err)
		}
		q.ID, _ = res.LastInsertId()
	}
	return nil
}

type frameworkRow struct {
	ID          int64         `db:"id"`
	CoachID     sql.NullInt64 `db:"coach_id"`
	Key         string        `db:"key"`
	Name        string        `db:"name"`
	Description string        `db:"description"`
	ScaleMin    int           `db:"scale_min"`
	ScaleMax    int           `db:"scale_max"`
	ScaleLabels string        `db:"scale_labels"`
}

const frameworkColumns = `id, coach_id, key, name, description, scale_min, scale_max, scale_labels`

// Frameworks lists the built-in frameworks and the coach's own, built-in first.
func (s *Store) Frameworks(ctx context.Context, coachID int64) ([]rapport.Framework, error) {
	var rows []frameworkRow
	err := s.r.SelectContext(ctx, &rows, `SELECT `+frameworkColumns+` FROM frameworks
		WHERE coach_id IS NULL OR coach_id = ? ORDER BY coach_id IS NOT NULL, name COLLATE NOCASE`, coachID)
	if err != nil {
		return nil, fmt.Errorf("store: list frameworks: %w", err)
	}
	list := make([]rapport.Framework, 0, len(rows))
	for _, row := range rows {
		f, err := loadFramework(ctx, s.r, row)
		if err != nil {
			return nil, err
		}
		list = append(list, *f)
	}
	return list, nil
}

// Framework returns a framework the coach can use, by key.
func (s *Store) Framework(ctx context.Context, coachID int64, key string) (*rapport.Framework, error) {
	return frameworkByKey(ctx, s.r, coachID, key)
}

func frameworkByKey(ctx context.Context, q sqlx.QueryerContext, coachID int64, key string) (*rapport.Framework, error) {
	var row frameworkRow
	// A coach's own framework cannot share a built-in key, so at most one row matches.
	err := sqlx.GetContext(ctx, q, &row, `SELECT `+frameworkColumns+` FROM frameworks
		WHERE key = ? AND (coach_id IS NULL OR coach_id = ?)`, key, coachID)
	if err != nil {
		return nil, notFound(err, "framework")
	}
	return loadFramework(ctx, q, row)
}

// FrameworkByID returns a framework by its internal id, whoever owns it
// (raters reach it through their round, not through a coach).
func (s *Store) FrameworkByID(ctx context.Context, id int64) (*rapport.Framework, error) {
	// Callers pass a round's framework, which never changes: the cache serves it.
	f, err := s.roundFramework(ctx, s.r, id)
	if err != nil {
		return nil, notFound(err, "framework")
	}
	return f, nil
}

func loadFramework(ctx context.Context, q sqlx.QueryerContext, row frameworkRow) (*rapport.Framework, error) {
	f := &rapport.Framework{ID: row.ID, Key: row.Key, Name: row.Name, Description: row.Description,
		Builtin: !row.CoachID.Valid, Scale: rapport.Scale{Min: row.ScaleMin, Max: row.ScaleMax}}
	if row.CoachID.Valid {
		id := row.CoachID.Int64
		f.CoachID = &id
	}
	if err := json.Unmarshal([]byte(row.ScaleLabels), &f.Scale.Labels); err != nil {
		return nil, fmt.Errorf("store: framework %s labels: %w", row.Key, err)
	}
	var items []struct {
		CompID    int64          `db:"comp_id"`
		CompKey   string         `db:"comp_key"`
		CompName  string         `db:"comp_name"`
		CompDesc  string         `db:"comp_desc"`
		ItemID    sql.NullInt64  `db:"item_id"`
		ItemKey   sql.NullString `db:"item_key"`
		TextSelf  sql.NullString `db:"text_self"`
		TextOther sql.NullString `db:"text_other"`
	}
	err := sqlx.SelectContext(ctx, q, &items, `SELECT c.id AS comp_id, c.key AS comp_key, c.name AS comp_name,
		c.description AS comp_desc, i.id AS item_id, i.key AS item_key, i.text_self, i.text_other
		FROM competencies c LEFT JOIN items i ON i.competency_id = c.id
		WHERE c.framework_id = ? ORDER BY c.position, i.position`, row.ID)
	if err != nil {
		return nil, fmt.Errorf("store: framework %s items: %w", row.Key, err)
	}
	f.Competencies = []rapport.Competency{}
	for _, it := range items {
		if n := len(f.Competencies); n == 0 || f.Competencies[n-1].ID != it.CompID {
			f.Competencies = append(f.Competencies, rapport.Competency{ID: it.CompID, Key: it.CompKey,
				Name: it.CompName, Description: it.CompDesc, Items: []rapport.Item{}})
		}
		if it.ItemID.Valid {
			c := &f.Competencies[len(f.Competencies)-1]
			c.Items = append(c.Items, rapport.Item{ID: it.ItemID.Int64, Key: it.ItemKey.String,
				TextSelf: it.TextSelf.String, TextOther: it.TextOther.String})
		}
	}
	f.OpenQuestions = []rapport.OpenQuestion{}
	err = sqlx.SelectContext(ctx, q, &f.OpenQuestions, `SELECT id, key, text FROM open_questions WHERE framework_id = ? ORDER BY position`, row.ID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: framework %s questions: %w", row.Key, err)
	}
	return f, nil
}
