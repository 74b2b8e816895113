package bench

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
)

// Ceiling is the simplest server that does a rater write's database work:
// a bare gin handler that decodes a RaterBody and, in one transaction on a
// single writer connection, writes one response row, a row per answer and
// a row per comment written in (empty text boxes write nothing). It has no
// validation, no token lookup and no response body: a ceiling for the
// classic one-transaction-per-request design.
type Ceiling struct {
	db *sqlx.DB
}

// NewCeiling opens its own database in dir with the store's settings. The
// issue's ceiling is the plain driver (cachedStatements false); with true it
// also keeps prepared statements, as the store does: a stricter reference.
func NewCeiling(dir string, cachedStatements bool) (*Ceiling, error) {
	dsn := "file:" + filepath.Join(dir, "ceiling.db") +
		"?_journal_mode=WAL&_foreign_keys=on&_busy_timeout=10000&_synchronous=NORMAL&_txlock=immediate"
	if cachedStatements {
		dsn += "&_stmt_cache_size=64"
	}
	db, err := sqlx.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	_, err = db.Exec(`CREATE TABLE IF NOT EXISTS responses (rater_id INTEGER PRIMARY KEY, updated_at INTEGER NOT NULL);
		CREATE TABLE IF NOT EXISTS answers (rater_id INTEGER NOT NULL REFERENCES responses(rater_id), item_id INTEGER NOT NULL,
			score INTEGER, PRIMARY KEY (rater_id, item_id)) WITHOUT ROWID;
		CREATE TABLE IF NOT EXISTS comments (rater_id INTEGER NOT NULL REFERENCES responses(rater_id), question TEXT NOT NULL,
			text TEXT NOT NULL, PRIMARY KEY (rater_id, question)) WITHOUT ROWID;`)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &Ceiling{db: db}, nil
}

// Close closes the database.
func (c *Ceiling) Close() error { return c.db.Close() }

// ceilingBody is what the ceiling reads of a RaterBody.
type ceilingBody struct {
	Answers  map[string]*int   `json:"answers"`
	Comments map[string]string `json:"comments"`
}

// Handler is the bare gin engine: PUT /ceiling/:rater with a RaterBody.
func (c *Ceiling) Handler() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.PUT("/ceiling/:rater", func(ctx *gin.Context) {
		rater, _ := strconv.ParseInt(ctx.Param("rater"), 10, 64)
		var body ceilingBody
		if err := json.NewDecoder(ctx.Request.Body).Decode(&body); err != nil {
			ctx.Status(http.StatusBadRequest)
			return
		}
		if err := c.write(rater, &body); err != nil {
			ctx.String(http.StatusInternalServerError, err.Error())
			return
		}
		ctx.Status(http.StatusOK)
	})
	return e
}

func (c *Ceiling) write(rater int64, body *ceilingBody) error {
	tx, err := c.db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO responses (rater_id, updated_at) VALUES (?, unixepoch())
		ON CONFLICT (rater_id) DO UPDATE SET updated_at = excluded.updated_at`, rater); err != nil {
		return err
	}
	for id, score := range body.Answers {
		item, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return fmt.Errorf("item %q", id)
		}
		if _, err := tx.Exec(`INSERT INTO answers (rater_id, item_id, score) VALUES (?, ?, ?)
			ON CONFLICT (rater_id, item_id) DO UPDATE SET score = excluded.score`, rater, item, score); err != nil {
			return err
		}
	}
	for question, text := range body.Comments {
		if text == "" {
			continue
		}
		if _, err := tx.Exec(`INSERT INTO comments (rater_id, question, text) VALUES (?, ?, ?)
			ON CONFLICT (rater_id, question) DO UPDATE SET text = excluded.text`, rater, question, text); err != nil {
			return err
		}
	}
	return tx.Commit()
}
