package jobs_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rapporthq/rapport/internal/mail"
	"github.com/rapporthq/rapport/internal/testkit"
)

// erasingSender erases the leader while the first message is being sent,
// as a coach clicking "Erase" at that moment would, then writes it.
type erasingSender struct {
	*mail.FileSender
	erase func()
}

func (s *erasingSender) Send(ctx context.Context, m *mail.Message) error {
	if s.erase != nil {
		s.erase()
		s.erase = nil
	}
	return s.FileSender.Send(ctx, m)
}

// An email written while its leader was erased leaves no .eml file: the
// erasure deleted the files there were, the worker deletes this one.
func TestMailerDeletesTheFileOfAnEmailErasedWhileSent(t *testing.T) {
	f := newFixture(t)
	roundID := f.launch(t, roundOptions{}, fyodor)
	round, err := f.app.Store.Round(context.Background(), f.coach.ID, roundID)
	if err != nil {
		t.Fatal(err)
	}
	sender := &erasingSender{FileSender: &mail.FileSender{Dir: f.app.Cfg.OutboxDir(), Log: testkit.Logger()}}
	sender.erase = func() {
		if _, err := f.app.Store.EraseLeader(context.Background(), f.coach.ID, round.LeaderID); err != nil {
			t.Error(err)
		}
	}
	f.mailer.Sender = sender
	f.deliver(t)
	files, err := filepath.Glob(filepath.Join(f.app.Cfg.OutboxDir(), "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 0 {
		t.Errorf("the erased leader's emails left %v", files)
	}
}
