package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTPSender delivers messages to an SMTP server, one connection per
// message (Rapport sends a few emails an hour; a pool is not worth its
// failure modes).
type SMTPSender struct {
	host    string
	options []gomail.Option
}

// SMTPOptions adjust an SMTPSender; the zero value is right in production.
type SMTPOptions struct {
	// TLSConfig replaces the default (verify the server's certificate
	// against the system roots). Tests pass their own CA here.
	TLSConfig *tls.Config
	// Timeout bounds dialing and each SMTP command; default 30s.
	Timeout time.Duration
}

// NewSMTPSender reads RAPPORT_SMTP_URL:
//
//	smtp://user:pass@host:587   plain connection upgraded with STARTTLS when the server offers it
//	smtps://user:pass@host:465  TLS from the first byte
//
// With user info it authenticates; go-mail then picks the strongest
// mechanism the server offers, and never sends a password (PLAIN or LOGIN)
// over a connection that is not encrypted.
func NewSMTPSender(rawURL string, opt SMTPOptions) (*SMTPSender, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("mail: RAPPORT_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465")
	}
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	options := []gomail.Option{gomail.WithTimeout(timeout)}
	port := 587
	switch u.Scheme {
	case "smtp":
		options = append(options, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case "smtps":
		port = 465
		options = append(options, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("mail: RAPPORT_SMTP_URL scheme must be smtp or smtps, not %q", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("mail: RAPPORT_SMTP_URL has a bad port %q", p)
		}
	}
	options = append(options, gomail.WithPort(port))
	tlsConfig := opt.TLSConfig
	if tlsConfig == nil {
		tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	tlsConfig = tlsConfig.Clone()
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = u.Hostname()
	}
	options = append(options, gomail.WithTLSConfig(tlsConfig))
	if u.User != nil && u.User.Username() != "" {
		password, _ := u.User.Password()
		options = append(options, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(password))
	}
	return &SMTPSender{host: u.Hostname(), options: options}, nil
}

// Send delivers m. A 5xx reply gives a *PermanentError; anything else that
// fails is temporary.
func (s *SMTPSender) Send(ctx context.Context, m *Message) error {
	msg, err := m.build()
	if err != nil {
		return &PermanentError{Err: err}
	}
	// A fresh client per message: go-mail's Client keeps per-connection state.
	client, err := gomail.NewClient(s.host, s.options...)
	if err != nil {
		return fmt.Errorf("mail: smtp client: %w", err)
	}
	return classify(client.DialAndSendWithContext(ctx, msg))
}
