package app_test

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/academy-platform/academy/internal/app"
)

// run executes the academy command line with the given environment.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := app.Main(args, app.Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }})
	return code, stdout.String(), stderr.String()
}

func TestCommandLine(t *testing.T) {
	env := map[string]string{
		"ACADEMY_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "cli.db"),
		"ACADEMY_LOG_LEVEL":    "error",
	}
	if code, out, _ := run(t, env, "version"); code != 0 || !strings.HasPrefix(out, "academy ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, out, _ := run(t, env, "--help"); code != 0 || !strings.Contains(out, "token") {
		t.Fatalf("help: %d %q", code, out)
	}
	if code, out, _ := run(t, env, "serve", "--help"); code != 0 || !strings.Contains(out, "ACADEMY_DATABASE_URL") {
		t.Fatalf("serve --help: %d %q", code, out)
	}
	if code, _, errOut := run(t, env, "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
	if code, out, _ := run(t, env, "migrate"); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %q", code, out)
	}
	code, out, _ := run(t, env, "seed", "--demo")
	if code != 0 || !strings.Contains(out, "Loaded the demo organisations") || !strings.Contains(out, "learner12@acme.example") {
		t.Fatalf("seed --demo: %d %q", code, out)
	}
	if code, out, _ := run(t, env, "seed", "--demo"); code != 0 || !strings.Contains(out, "already present") {
		t.Fatalf("second seed --demo: %d %q", code, out)
	}
	code, out, _ = run(t, env, "token", "create", "--email", "coach@acme.example")
	if token := strings.TrimSpace(out); code != 0 || !strings.HasPrefix(token, "acd_") || len(token) < 40 {
		t.Fatalf("token create: %d %q", code, out)
	}
	if code, _, errOut := run(t, env, "token", "create", "--email", "nobody@acme.example"); code != 1 || !strings.Contains(errOut, "no account") {
		t.Fatalf("token for unknown email: %d %q", code, errOut)
	}
	if code, _, _ := run(t, env, "token", "create"); code != 2 {
		t.Fatalf("token without email: %d", code)
	}
}

func TestInvalidConfigurationFailsFast(t *testing.T) {
	cases := map[string]map[string]string{
		"ACADEMY_ADDR":          {"ACADEMY_ADDR": "8080"},
		"ACADEMY_DATABASE_URL":  {"ACADEMY_DATABASE_URL": "mysql://x"},
		"ACADEMY_BASE_URL":      {"ACADEMY_BASE_URL": "academy.example.com"},
		"ACADEMY_COOKIE_SECURE": {"ACADEMY_COOKIE_SECURE": "maybe"},
		"ACADEMY_LOG_LEVEL":     {"ACADEMY_LOG_LEVEL": "loud"},
		"ACADEMY_SESSION_IDLE":  {"ACADEMY_SESSION_IDLE": "-1h"},
		"ACADEMY_SMTP_PORT":     {"ACADEMY_SMTP_PORT": "smtp"},
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := run(t, env, "migrate")
			if code != 1 || !strings.Contains(errOut, name) {
				t.Fatalf("code %d, stderr %q", code, errOut)
			}
		})
	}
	if _, err := app.NewConfig(func(string) string { return "" }); err != nil {
		t.Fatalf("defaults are invalid: %v", err)
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	env := map[string]string{
		"ACADEMY_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "serve.db"),
		"ACADEMY_ADDR":         "127.0.0.1:0",
		"ACADEMY_LOG_LEVEL":    "error",
	}
	cfg, err := app.NewConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.Build(context.Background(), cfg, discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, func(a string) { addr <- a }) }()
	base := "http://" + <-addr
	resp, err := http.Get(base + "/readyz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}
