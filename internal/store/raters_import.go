package store

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/rapporthq/rapport/internal/rapport"
)

// ImportRaters adds every rater of a CSV to one of the coach's rounds, in
// one transaction: if any line is wrong (see rapport.RaterImport.Check)
// nothing is added and every bad line is reported in a
// *rapport.ImportError. It returns how many were added.
func (s *Store) ImportRaters(ctx context.Context, coachID, roundID int64, text string) (int, error) {
	imp, err := rapport.ParseRatersCSV(text)
	if err != nil {
		return 0, err
	}
	added := 0
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := getRound(ctx, tx, coachID, roundID)
		if err != nil {
			return err
		}
		if err := r.CanAddRaters(); err != nil {
			return err
		}
		addrs, err := loadRaterAddresses(ctx, tx, r)
		if err != nil {
			return err
		}
		valid, err := imp.Check(addrs)
		if err != nil {
			return err
		}
		for _, in := range valid {
			id, err := s.insertRater(ctx, tx, roundID, in)
			if err != nil {
				return err
			}
			if r.Status == rapport.RoundOpen {
				if _, err := s.enqueueRaterEmails(ctx, tx, rapport.EmailInvitation, false, `id = ?`, id); err != nil {
					return err
				}
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}
