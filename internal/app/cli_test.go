package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
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

func TestAssessmentCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ACADEMY_DATABASE_URL": "sqlite:" + filepath.Join(dir, "cli.db"), "ACADEMY_LOG_LEVEL": "error"}
	if code, _, errOut := run(t, env, "seed", "--demo"); code != 0 {
		t.Fatalf("seed: %s", errOut)
	}
	code, out, errOut := run(t, env, "instruments", "add", "testdata/customer-framework.yaml", "--org", "acme")
	if code != 0 || !strings.Contains(out, "customer-framework version 1 (added)") {
		t.Fatalf("instruments add: %d %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, env, "instruments", "add", "--org", "acme", "testdata/customer-framework.yaml"); code != 0 || !strings.Contains(out, "unchanged") {
		t.Fatalf("instruments add again: %d %q", code, out)
	}
	if code, _, errOut := run(t, env, "instruments", "add", "testdata/customer-framework.yaml", "--org", "nope"); code != 1 || !strings.Contains(errOut, "no organisation") {
		t.Fatalf("unknown org: %d %q", code, errOut)
	}
	// Twelve anonymous respondents gathered on paper, one with an invalid row.
	var csv strings.Builder
	csv.WriteString("external_id,d1,d2,d3,f1,f2,f3\n")
	for i := range 12 {
		fmt.Fprintf(&csv, "p%02d,%d,%d,%d,%d,%d,%d\n", i, 1+i%5, 1+(i+1)%5, 5-i%5, 1+(i*2)%5, 1+(i+2)%5, 5-(i+1)%5)
	}
	csv.WriteString("p99,9,1,1,1,1,1\n")
	file := filepath.Join(dir, "responses.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, env, "responses", "import", "--instrument", "customer-framework@1", "--org", "acme", file)
	if code != 1 || !strings.Contains(errOut, "line 14") || !strings.Contains(out, "0 imported") {
		t.Fatalf("import with a bad row: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, env, "responses", "import", "--instrument", "customer-framework", "--org", "acme", "--skip-invalid", file)
	if code != 0 || !strings.Contains(out, "13 rows read, 12 imported, 1 skipped") {
		t.Fatalf("import: %d %q", code, out)
	}
	code, out, _ = run(t, env, "psychometrics", "--instrument", "customer-framework", "--org", "acme", "--format", "json")
	var rel struct {
		Attempts   int `json:"attempts"`
		Dimensions []struct {
			Slug  string   `json:"slug"`
			N     int      `json:"n"`
			Alpha *float64 `json:"alpha"`
		} `json:"dimensions"`
	}
	if err := json.Unmarshal([]byte(out), &rel); err != nil || code != 0 || rel.Attempts != 12 || len(rel.Dimensions) != 2 || rel.Dimensions[0].N != 12 {
		t.Fatalf("psychometrics json: %d %v %q", code, err, out)
	}
	if code, out, _ := run(t, env, "psychometrics", "--instrument", "customer-framework", "--org", "acme"); code != 0 || !strings.Contains(out, "discovery") || !strings.Contains(out, "alpha") {
		t.Fatalf("psychometrics text: %d %q", code, out)
	}
	if code, out, _ := run(t, env, "psychometrics", "--instrument", "customer-framework", "--org", "acme", "--format", "csv"); code != 0 || !strings.Contains(out, "discovery") {
		t.Fatalf("psychometrics csv: %d %q", code, out)
	}
	if code, _, _ := run(t, env, "psychometrics", "--instrument", "customer-framework@7", "--org", "acme"); code != 1 {
		t.Fatalf("unknown version: %d", code)
	}
}

func TestUnexpectedArgument(t *testing.T) {
	env := map[string]string{"ACADEMY_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "x.db")}
	if code, _, errOut := run(t, env, "migrate", "extra"); code != 2 || !strings.Contains(errOut, "unexpected argument") {
		t.Fatalf("%d %q", code, errOut)
	}
}
