package mail

import (
	"bufio"
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"
)

// fakeSMTP accepts one message and returns what it received.
func fakeSMTP(t *testing.T) (host string, port int, got chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got = make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		reply := func(s string) { _, _ = conn.Write([]byte(s + "\r\n")) }
		reply("220 fake ESMTP")
		var data strings.Builder
		inData := false
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				got <- data.String()
				return
			}
			if inData {
				if line == ".\r\n" {
					inData = false
					reply("250 queued")
					continue
				}
				data.WriteString(line)
				continue
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
				reply("250 fake")
			case strings.HasPrefix(cmd, "DATA"):
				inData = true
				reply("354 go on")
			case strings.HasPrefix(cmd, "QUIT"):
				reply("221 bye")
				got <- data.String()
				return
			default:
				reply("250 ok")
			}
		}
	}()
	addr := ln.Addr().(*net.TCPAddr)
	return "127.0.0.1", addr.Port, got
}

func TestSMTPSenderDeliversUTF8(t *testing.T) {
	host, port, got := fakeSMTP(t)
	s := New(SMTPConfig{Host: host, Port: port, From: "Academy <no-reply@academy.test>"}, slog.New(slog.DiscardHandler))
	if !s.Delivers() {
		t.Fatal("an SMTP sender must say it delivers")
	}
	err := s.Send(context.Background(), Message{To: "nerea@acme.example", Subject: "Tu invitación a Academy", Body: "Hola, Nerea:\nActiva tu cuenta."})
	if err != nil {
		t.Fatal(err)
	}
	msg := <-got
	for _, want := range []string{"To: nerea@acme.example", "Subject: =?utf-8?q?Tu_invitaci=C3=B3n_a_Academy?=", "charset=utf-8", "Hola, Nerea:\r\nActiva tu cuenta."} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestSendRefusesHeaderInjection(t *testing.T) {
	s := New(SMTPConfig{Host: "127.0.0.1", Port: 1, From: "a@b"}, slog.New(slog.DiscardHandler))
	if err := s.Send(context.Background(), Message{To: "x@y\r\nBcc: victim@z", Subject: "s"}); err == nil {
		t.Fatal("a line break in a header was accepted")
	}
}

func TestLogSenderWithoutSMTP(t *testing.T) {
	var buf strings.Builder
	s := New(SMTPConfig{}, slog.New(slog.NewTextHandler(&buf, nil)))
	if s.Delivers() {
		t.Fatal("the log sender does not deliver")
	}
	if err := s.Send(context.Background(), Message{To: "a@b.example", Subject: "Hi", Body: "link"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "a@b.example") {
		t.Fatalf("log = %q", buf.String())
	}
}
