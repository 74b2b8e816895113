// Package jobs runs Rapport's background work on a robfig/cron schedule.
// Each job is a func(ctx) error that the command line can also run once.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/robfig/cron/v3"

	"github.com/rapporthq/rapport/internal/debrief"
	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/store"
)

// Runner holds what the jobs need.
type Runner struct {
	Store *store.Store
	Log   *slog.Logger
	// Debriefs freezes the summaries of the rounds a pass closes. Without
	// it they are frozen on their first read instead, and no round is
	// purged before it is frozen.
	Debriefs *debrief.Debriefs
	// OutboxDir is where the file outbox writes its .eml copies: the purge
	// deletes those of the rounds it purged, which name their raters and
	// hold their links. Empty: there is no file outbox to clean.
	OutboxDir string
}

// Sweep is one scheduler pass: it closes the rounds whose deadline has
// passed (queueing the coach's notice) and freezes their summaries, purges
// the rounds closed longer than their coach's retention period, then
// queues the reminders that are due. It is safe to run from several processes at once: each step is one
// immediate transaction that re-checks every condition it acts on.
//
// It also finishes wiping detached answers: a WAL checkpoint that readers
// kept from finishing after a round closed, in this process or in another
// that has since exited (the pending wipe is kept in the database), is
// retried here, and so is the upgrade's VACUUM if it failed at start.
func (r *Runner) Sweep(ctx context.Context) error {
	closed, err := r.Store.CloseDueRounds(ctx)
	if err != nil {
		return fmt.Errorf("jobs: close rounds: %w", err)
	}
	if r.Debriefs != nil {
		// The rounds just closed, and any whose freeze failed or that
		// closed before frozen summaries existed.
		if _, err := r.Debriefs.FreezeClosed(ctx); err != nil {
			return fmt.Errorf("jobs: freeze summaries: %w", err)
		}
	}
	purged, err := r.Store.PurgeExpiredRounds(ctx)
	if err != nil {
		return fmt.Errorf("jobs: purge rounds: %w", err)
	}
	r.removeMailFiles(purged.OutboxIDs)
	if err := r.Store.WipeFreeSpaceIfPending(ctx); err != nil {
		// The upgrade's VACUUM failed at start (low disk?): still pending.
		r.Log.Warn("wiping free space postponed", "err", err)
	}
	if err := r.Store.CheckpointIfPending(ctx); err != nil {
		// Not a failure of the pass: the next one tries again.
		r.Log.Warn("checkpoint after closing rounds postponed", "err", err)
	}
	reminded, err := r.Store.QueueDueReminders(ctx)
	if err != nil {
		return fmt.Errorf("jobs: reminders: %w", err)
	}
	if closed > 0 || purged.Rounds > 0 || reminded > 0 {
		r.Log.Info("scheduler pass", "rounds_closed", closed, "rounds_purged", purged.Rounds, "reminders_queued", reminded)
	}
	return nil
}

// removeMailFiles deletes the file outbox's copies of purged emails. A
// failure is logged for the operator, not retried: the purge itself has
// happened, and the next pass would not find these emails again.
func (r *Runner) removeMailFiles(outboxIDs []int64) {
	if r.OutboxDir == "" || len(outboxIDs) == 0 {
		return
	}
	if err := mail.RemoveFiles(r.OutboxDir, outboxIDs); err != nil {
		r.Log.Error("purge: .eml files left in the file outbox; delete them by hand", "dir", r.OutboxDir, "err", err)
	}
}

// Scheduler runs Sweep on a cron schedule until stopped.
type Scheduler struct {
	cron *cron.Cron
	wg   sync.WaitGroup
}

// Start schedules the sweep on spec (a standard cron spec or a descriptor
// such as "@hourly" or "@every 1s"). A pass still running when the next is
// due makes that next one skip, never overlap.
func (r *Runner) Start(ctx context.Context, spec string) (*Scheduler, error) {
	s := &Scheduler{cron: cron.New(cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger)))}
	_, err := s.cron.AddFunc(spec, func() {
		s.wg.Add(1)
		defer s.wg.Done()
		if err := r.Sweep(ctx); err != nil && ctx.Err() == nil {
			r.Log.Error("scheduler pass failed", "err", err)
		}
	})
	if err != nil {
		return nil, err
	}
	s.cron.Start()
	return s, nil
}

// Stop stops scheduling and waits for a running pass to end.
func (s *Scheduler) Stop() {
	<-s.cron.Stop().Done()
	s.wg.Wait()
}
