package app_test

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportCommands writes each report from the command line, atomically, and explains
// what is wrong with a command that cannot work.
func TestReportCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		"ACADEMY_DATABASE_URL": "sqlite:" + filepath.Join(dir, "cli.db"),
		"ACADEMY_LOG_LEVEL":    "error",
	}
	if code, _, errOut := run(t, env, "seed", "--demo"); code != 0 {
		t.Fatalf("seed --demo: %d %s", code, errOut)
	}
	out := func(name string) string { return filepath.Join(dir, name) }

	written := []struct {
		args []string
		file string
	}{
		{[]string{"report", "learner", "--email", "learner1@acme.example", "--out", out("learner.pdf")}, "learner.pdf"},
		{[]string{"report", "learner", "--email", "learner1@acme.example", "--lang", "en", "--out", out("learner-en.pdf")}, "learner-en.pdf"},
		{[]string{"report", "cohort", "--org", "acme", "--cohort", "Liderazgo · primavera", "--out", out("cohort.pdf")}, "cohort.pdf"},
		{[]string{"report", "org", "--org", "acme", "--lang", "en", "--out", out("org.pdf")}, "org.pdf"},
	}
	for _, w := range written {
		code, _, errOut := run(t, env, w.args...)
		if code != 0 {
			t.Fatalf("%v: %d %s", w.args, code, errOut)
		}
		doc, err := os.ReadFile(out(w.file))
		if err != nil {
			t.Fatal(err)
		}
		checkPDF(t, doc)
	}

	code, stdout, errOut := run(t, env, "report", "learners", "--org", "acme", "--cohort", "Liderazgo · primavera", "--lang", "en", "--out", out("cohort.zip"))
	if code != 0 || !strings.Contains(stdout, "6 learner reports written") {
		t.Fatalf("report learners: %d %q %s", code, stdout, errOut)
	}
	if errOut != "" {
		t.Errorf("a progress bar was drawn on a stream that is not a terminal: %q", errOut)
	}
	zr, err := zip.OpenReader(out("cohort.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 6 || !strings.HasSuffix(zr.File[0].Name, "-en.pdf") {
		t.Fatalf("%d files, first %q", len(zr.File), zr.File[0].Name)
	}
	_ = zr.Close()
	if code, stdout, _ := run(t, env, "report", "learners", "--org", "globex", "--out", out("globex.zip")); code != 0 || !strings.Contains(stdout, "4 learner reports") {
		t.Fatalf("report learners of a whole organisation: %d %q", code, stdout)
	}

	if code, stdout, _ := run(t, env, "report", "--help"); code != 0 || !strings.Contains(stdout, "academy report learner") {
		t.Errorf("report --help: %d %q", code, stdout)
	}
	failing := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"report", "learner", "--email", "nobody@acme.example", "--out", out("x.pdf")}, 1, "no account with email nobody@acme.example"},
		{[]string{"report", "cohort", "--org", "nope", "--cohort", "X", "--out", out("x.pdf")}, 1, `no organisation "nope"`},
		{[]string{"report", "cohort", "--org", "acme", "--cohort", "Nope", "--out", out("x.pdf")}, 1, `no cohort "Nope" in organisation "acme"`},
		{[]string{"report", "learners", "--org", "acme", "--cohort", "Business development", "--out", out("x.zip")}, 1, `no cohort "Business development"`},
		{[]string{"report", "org", "--out", out("x.pdf")}, 1, "--org is required"},
		{[]string{"report", "learner", "--email", "learner1@acme.example"}, 2, "--out is required"},
		{[]string{"report", "learner", "--email", "learner1@acme.example", "--lang", "fr", "--out", out("x.pdf")}, 2, "--lang must be es or en"},
		{[]string{"report", "frob", "--out", out("x.pdf")}, 2, `unknown report "frob"`},
		{[]string{"report"}, 2, "academy report learners"},
	}
	for _, f := range failing {
		code, _, errOut := run(t, env, f.args...)
		if code != f.code || !strings.Contains(errOut, f.says) {
			t.Errorf("%v: %d %q, want %d saying %q", f.args, code, errOut, f.code, f.says)
		}
	}
	// Nothing half-written is left behind: no x.pdf, no temporary files.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "x.") || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
