// Package export writes what Rapport holds about a coach's leaders as a
// zip archive: for each leader a folder with leader.json (the leader,
// their rounds, each round's raters with their statuses, and each closed
// round's summary, as the report shows it) and the PDF report of each
// closed round. It is what a leader's request for their data needs
// (GDPR articles 15 and 20), and a coach's way to take their records along.
package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/filename"
	"github.com/rapporthq/rapport/internal/rapport"
	"github.com/rapporthq/rapport/internal/scoring"
	"github.com/rapporthq/rapport/internal/store"
)

// Exporter reads leaders' data from the store and their reports from
// debrief: the summaries are debrief's, the same the API and the PDF show.
type Exporter struct {
	Store    *store.Store
	Debriefs *debrief.Debriefs
	// Now is the clock, for exported_at and the entries' times.
	Now func() time.Time
}

// LeaderFile is leader.json.
type LeaderFile struct {
	ExportedAt time.Time       `json:"exported_at"`
	Leader     *rapport.Leader `json:"leader"`
	Rounds     []Round         `json:"rounds"`
}

// Round is a round in leader.json: the round as the API gives it, its
// raters, and once closed its summary and the name of its PDF in the folder.
type Round struct {
	*rapport.Round
	ReminderInterval string           `json:"reminder_interval"` // as the API writes it, e.g. "72h"
	PurgeAt          *time.Time       `json:"purge_at"`          // as the API writes it: when retention ends
	Raters           []rapport.Rater  `json:"raters"`
	Summary          *scoring.Summary `json:"summary,omitempty"`
	Report           string           `json:"report,omitempty"`
}

// Leader writes one of the coach's leaders as a zip to w: leader.json and
// the reports at the top of the archive. Another coach's leader is not
// found, and then nothing is written.
func (e *Exporter) Leader(ctx context.Context, coachID, leaderID int64, w io.Writer) error {
	l, err := e.Store.Leader(ctx, coachID, leaderID)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	if err := e.writeLeader(ctx, zw, "", l); err != nil {
		return err
	}
	return closeZip(zw)
}

// Coach writes every leader of the coach as a zip to w, one folder per
// leader ("<name> (<id>)/", the id keeps two namesakes apart).
func (e *Exporter) Coach(ctx context.Context, coachID int64, w io.Writer) error {
	leaders, err := e.Store.Leaders(ctx, coachID)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for i := range leaders {
		l := &leaders[i]
		if err := e.writeLeader(ctx, zw, entryName(l.Name, l.ID, "/"), l); err != nil {
			return err
		}
	}
	return closeZip(zw)
}

// writeLeader adds a leader's leader.json and reports under folder.
func (e *Exporter) writeLeader(ctx context.Context, zw *zip.Writer, folder string, l *rapport.Leader) error {
	rounds, err := e.Store.LeaderRounds(ctx, l.CoachID, l.ID)
	if err != nil {
		return err
	}
	file := LeaderFile{ExportedAt: e.now(), Leader: l, Rounds: make([]Round, 0, len(rounds))}
	for i := range rounds {
		r := &rounds[i]
		out := Round{Round: r, ReminderInterval: rapport.FormatDuration(r.ReminderInterval()), PurgeAt: r.PurgeAt()}
		if out.Raters, err = e.Store.Raters(ctx, r.ID); err != nil {
			return err
		}
		if r.Status == rapport.RoundClosed {
			if out.Summary, err = e.Debriefs.Summary(ctx, r); err != nil {
				return fmt.Errorf("export: summary of round %d: %w", r.ID, err)
			}
			out.Report = entryName(r.Title, r.ID, ".pdf")
			var pdf bytes.Buffer
			if _, err := e.Debriefs.PDF(ctx, r, &pdf); err != nil {
				return fmt.Errorf("export: report of round %d: %w", r.ID, err)
			}
			if err := e.add(zw, folder+out.Report, pdf.Bytes()); err != nil {
				return err
			}
		}
		file.Rounds = append(file.Rounds, out)
	}
	body, err := json.MarshalIndent(file, "", "  ")
	if err != nil {
		return fmt.Errorf("export: leader.json: %w", err)
	}
	return e.add(zw, folder+"leader.json", body)
}

// add writes one file into the archive.
func (e *Exporter) add(zw *zip.Writer, name string, body []byte) error {
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: e.now()})
	if err != nil {
		return fmt.Errorf("export: %s: %w", name, err)
	}
	if _, err := f.Write(body); err != nil {
		return fmt.Errorf("export: %s: %w", name, err)
	}
	return nil
}

func closeZip(zw *zip.Writer) error {
	if err := zw.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func (e *Exporter) now() time.Time {
	if e.Now != nil {
		return e.Now().UTC().Truncate(time.Second)
	}
	return time.Now().UTC().Truncate(time.Second)
}

// entryName is a safe name for user text in the archive, "<text> (<id>)"
// then suffix: no path separators or dots that climb out of the folder
// (filename.Part), and the id keeps names unique.
func entryName(text string, id int64, suffix string) string {
	name := filename.Part(text)
	if name != "" {
		name += " "
	}
	return name + "(" + strconv.FormatInt(id, 10) + ")" + suffix
}
