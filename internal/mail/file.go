package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// FileSender writes each message as an .eml file into a directory, for
// development and for instances without an SMTP server. Any mail program
// opens the files; tests parse them with net/mail.
//
// What it logs: the recipient, the kind and the path of the .eml file.
// The link itself holds the rater's secret token, and logs travel further
// and live longer than the data directory (collectors, terminals, support
// tickets), so it is logged only when LogLinks is set, which the command
// line does only when RAPPORT_BASE_URL is a loopback address: then the link
// opens nowhere but on the developer's own machine. Everywhere else the
// link is read from the .eml file, which sits in the data directory beside
// the database and the secret, with the same permissions.
type FileSender struct {
	Dir      string
	Log      *slog.Logger
	LogLinks bool
}

// Send writes m to Dir as <date>-<kind>-<outbox id>.eml, atomically (a
// reader never sees half a message).
func (s *FileSender) Send(_ context.Context, m *Message) error {
	msg, err := m.build()
	if err != nil {
		return &PermanentError{Err: err}
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("mail: create outbox dir: %w", err)
	}
	name := fmt.Sprintf("%s-%s-%d.eml", m.Date.UTC().Format("20060102T150405Z"), m.Kind, m.OutboxID)
	tmp, err := os.CreateTemp(s.Dir, ".writing-*")
	if err != nil {
		return fmt.Errorf("mail: write .eml: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := msg.WriteTo(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("mail: write .eml: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mail: write .eml: %w", err)
	}
	path := filepath.Join(s.Dir, name)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("mail: write .eml: %w", err)
	}
	attrs := []any{"to", m.To.Address, "kind", m.Kind, "file", path}
	if s.LogLinks && m.Link != "" {
		attrs = append(attrs, "link", m.Link)
	}
	s.Log.Info("email written to the file outbox", attrs...)
	return nil
}

// IsLoopbackURL reports whether baseURL points at this machine only
// (localhost, 127.0.0.0/8, ::1): the one case where FileSender logs links.
func IsLoopbackURL(baseURL string) bool {
	u, err := url.Parse(baseURL)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Remove deletes the .eml file of one outbox row: the mail worker calls it
// when the row was erased while the message was being written.
func (s *FileSender) Remove(outboxID int64) error { return RemoveFiles(s.Dir, []int64{outboxID}) }

// RemoveFiles deletes the .eml files Send wrote in dir for these outbox
// rows (an erasure deleted the rows). No directory, or a file already
// gone, is no fault.
func RemoveFiles(dir string, outboxIDs []int64) error {
	if len(outboxIDs) == 0 {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("mail: remove .eml: %w", err)
	}
	ids := make(map[string]bool, len(outboxIDs))
	for _, id := range outboxIDs {
		ids[strconv.FormatInt(id, 10)] = true
	}
	var errs []error
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".eml")
		if i := strings.LastIndexByte(name, '-'); !ok || i < 0 || !ids[name[i+1:]] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("mail: remove .eml: %w", err))
		}
	}
	return errors.Join(errs...)
}
