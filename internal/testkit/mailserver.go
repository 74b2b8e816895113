package testkit

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// MailServer is a real SMTP server on a loopback port (github.com/emersion/go-smtp)
// that keeps what it receives. It offers STARTTLS with a certificate of its
// own CA (TLSConfig trusts it), requires AUTH PLAIN as MailUser/MailPassword
// over TLS, and can be told to fail the next deliveries with a given reply.
type MailServer struct {
	Addr string // host:port
	// URL is an smtp:// URL with credentials, as RAPPORT_SMTP_URL would be.
	URL string

	tlsConfig *tls.Config
	serverTLS *tls.Config
	options   MailServerOptions
	mu        sync.Mutex
	received  []*Email
	failures  []*smtp.SMTPError
	auths     int
}

// AuthAttempts counts AUTH commands the server has seen.
func (ms *MailServer) AuthAttempts() int {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return ms.auths
}

// Credentials the MailServer accepts.
const (
	MailUser     = "rapport"
	MailPassword = "smtp pass"
)

// MailServerOptions choose how a MailServer speaks TLS.
type MailServerOptions struct {
	ImplicitTLS bool // TLS from the first byte (smtps://) instead of STARTTLS
	NoTLS       bool // no STARTTLS offered at all
}

// NewMailServer starts a MailServer offering STARTTLS, stopped when the test ends.
func NewMailServer(t testing.TB) *MailServer { return NewMailServerWith(t, MailServerOptions{}) }

// NewMailServerWith starts a MailServer with the given TLS setup.
func NewMailServerWith(t testing.TB, o MailServerOptions) *MailServer {
	t.Helper()
	ms := PrepareMailServer(t, o)
	ms.Start(t)
	return ms
}

// PrepareMailServer makes a MailServer on a free loopback port without
// listening yet: its URL and certificate are known, but connections are
// refused until Start, as with an SMTP server that is down.
func PrepareMailServer(t testing.TB, o MailServerOptions) *MailServer {
	t.Helper()
	serverTLS, clientTLS := selfSignedTLS(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ms := &MailServer{Addr: addr, tlsConfig: clientTLS, serverTLS: serverTLS, options: o}
	scheme := "smtp"
	if o.ImplicitTLS {
		scheme = "smtps"
	}
	ms.URL = fmt.Sprintf("%s://%s:%s@%s", scheme, MailUser, strings.ReplaceAll(MailPassword, " ", "%20"), ms.Addr)
	return ms
}

// Start makes the server listen on its address until the test ends.
func (ms *MailServer) Start(t testing.TB) {
	t.Helper()
	ln, err := net.Listen("tcp", ms.Addr)
	if err != nil {
		t.Fatalf("smtp server: listen on %s: %v", ms.Addr, err)
	}
	if ms.options.ImplicitTLS {
		ln = tls.NewListener(ln, ms.serverTLS)
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &mailSession{server: ms}, nil
	}))
	srv.Domain = "localhost"
	if !ms.options.ImplicitTLS && !ms.options.NoTLS {
		srv.TLSConfig = ms.serverTLS
	}
	// Without TLS, offer AUTH anyway: the client must be the one to refuse.
	srv.AllowInsecureAuth = ms.options.NoTLS
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 1 << 20
	srv.ErrorLog = discardSMTPLog{}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// CACertPEM is the server's certificate (its own CA) in PEM, for a process
// that should trust it through SSL_CERT_FILE.
func (ms *MailServer) CACertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ms.serverTLS.Certificates[0].Leaf.Raw})
}

// TLSConfig trusts the server's certificate (for mail.SMTPOptions).
func (ms *MailServer) TLSConfig() *tls.Config { return ms.tlsConfig.Clone() }

// FailNext makes the next n messages fail at RCPT TO with this reply, e.g.
// FailNext(1, 451, "try again later") or FailNext(1, 550, "no such user").
func (ms *MailServer) FailNext(n, code int, message string) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	class := code / 100
	for range n {
		ms.failures = append(ms.failures, &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{class, 0, 0}, Message: message})
	}
}

// Received returns every message received so far, in order.
func (ms *MailServer) Received() []*Email {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]*Email(nil), ms.received...)
}

// To returns the messages received for one address.
func (ms *MailServer) To(addr string) []*Email {
	var out []*Email
	for _, e := range ms.Received() {
		for _, rcpt := range e.Rcpt {
			if strings.EqualFold(rcpt, addr) {
				out = append(out, e)
			}
		}
	}
	return out
}

type mailSession struct {
	server *MailServer
	authed bool
	from   string
	rcpt   []string
}

func (s *mailSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *mailSession) Auth(mech string) (sasl.Server, error) {
	s.server.mu.Lock()
	s.server.auths++
	s.server.mu.Unlock()
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != MailUser || password != MailPassword {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		s.authed = true
		return nil
	}), nil
}

func (s *mailSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ms := s.server
	ms.mu.Lock()
	defer ms.mu.Unlock()
	if len(ms.failures) > 0 {
		err := ms.failures[0]
		ms.failures = ms.failures[1:]
		return err
	}
	s.rcpt = append(s.rcpt, to)
	return nil
}

func (s *mailSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	e, err := ParseEmail(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "unparseable message: " + err.Error()}
	}
	e.EnvelopeFrom, e.Rcpt = s.from, append([]string(nil), s.rcpt...)
	s.server.mu.Lock()
	s.server.received = append(s.server.received, e)
	s.server.mu.Unlock()
	return nil
}

func (s *mailSession) Reset()        { s.from, s.rcpt = "", nil }
func (s *mailSession) Logout() error { return nil }

type discardSMTPLog struct{}

func (discardSMTPLog) Printf(string, ...any) {}
func (discardSMTPLog) Println(...any)        {}

// Email is a parsed message: its headers, decoded subject and addresses,
// and the decoded text and HTML parts.
type Email struct {
	EnvelopeFrom string
	Rcpt         []string
	Raw          []byte
	Header       mail.Header
	Subject      string
	From, To     *mail.Address
	Text, HTML   string
}

// ParseEmail parses a raw message (as received, or an .eml file).
func ParseEmail(raw []byte) (*Email, error) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	e := &Email{Raw: raw, Header: m.Header}
	dec := new(mime.WordDecoder)
	if e.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	if e.From, err = mail.ParseAddress(m.Header.Get("From")); err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if e.To, err = mail.ParseAddress(m.Header.Get("To")); err != nil {
		return nil, fmt.Errorf("to: %w", err)
	}
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("content-type: %w", err)
	}
	if !strings.HasPrefix(mediaType, "multipart/") {
		return nil, fmt.Errorf("not multipart: %s", mediaType)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		body, err := decodePart(p.Header.Get("Content-Transfer-Encoding"), p)
		if err != nil {
			return nil, err
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		switch ct {
		case "text/plain":
			e.Text = body
		case "text/html":
			e.HTML = body
		}
	}
	return e, nil
}

func decodePart(encoding string, r io.Reader) (string, error) {
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(r)
	return string(b), err
}

// selfSignedTLS makes a CA-signed-by-itself certificate for 127.0.0.1 and
// localhost: the server's config, and a client config that trusts it.
func selfSignedTLS(t testing.TB) (server, client *tls.Config) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "rapport test smtp"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true,
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}}, MinVersion: tls.VersionTLS12}
	client = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return server, client
}
