// Package mail sends Academy's few emails (invitations): through SMTP when it is
// configured, otherwise into the log, so a fresh installation works without a mail server.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Message is one plain-text email.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
	// Delivers reports whether messages actually leave the machine (false when they only
	// go to the log), so the interface can show links to the administrator instead.
	Delivers() bool
}

// SMTPConfig says how to reach the mail server.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
}

// New returns an SMTP sender when cfg.Host is set, and a log sender otherwise.
func New(cfg SMTPConfig, log *slog.Logger) Sender {
	if cfg.Host == "" {
		return LogSender{Log: log}
	}
	return SMTPSender{cfg: cfg}
}

// LogSender writes messages to the log instead of sending them.
type LogSender struct{ Log *slog.Logger }

// Send logs the message.
func (l LogSender) Send(_ context.Context, m Message) error {
	l.Log.Info("email not sent (no SMTP configured)", "to", m.To, "subject", m.Subject, "body", m.Body)
	return nil
}

// Delivers is false: nothing leaves the machine.
func (LogSender) Delivers() bool { return false }

// SMTPSender sends through an SMTP server, with STARTTLS when the server offers it.
type SMTPSender struct{ cfg SMTPConfig }

// Delivers is true.
func (SMTPSender) Delivers() bool { return true }

// Send delivers one message.
func (s SMTPSender) Send(ctx context.Context, m Message) error {
	if strings.ContainsAny(m.To, "\r\n") || strings.ContainsAny(m.Subject, "\r\n") {
		return fmt.Errorf("mail: header contains a line break")
	}
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	var auth smtp.Auth
	if s.cfg.Username != "" {
		auth = smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)
	}
	msg := "From: " + s.cfg.From + "\r\n" +
		"To: " + m.To + "\r\n" +
		"Subject: " + mime.QEncoding.Encode("utf-8", m.Subject) + "\r\n" +
		"Date: " + time.Now().UTC().Format(time.RFC1123Z) + "\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
		strings.ReplaceAll(m.Body, "\n", "\r\n")
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(addr, auth, s.cfg.From, []string{m.To}, []byte(msg)) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
