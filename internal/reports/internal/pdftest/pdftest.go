// Package pdftest checks generated PDF files with the poppler and qpdf command-line
// tools: qpdf --check for validity and pdftotext for the text a reader (or a screen
// reader, or a search) gets out of them. When a tool is missing the test is skipped
// locally, and fails when the CI environment variable is set, so CI cannot pass without
// the checks.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tool returns the path of a command, skipping or failing the test when it is missing.
func tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI (apt-get install qpdf poppler-utils): %v", name, err)
	}
	t.Skipf("%s not installed: %v", name, err)
	return ""
}

// write stores the document in a temporary file and returns its path.
func write(t testing.TB, doc []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Check fails the test unless qpdf --check finds the document valid, without warnings.
func Check(t testing.TB, doc []byte) {
	t.Helper()
	qpdf := tool(t, "qpdf")
	out, err := exec.Command(qpdf, "--check", write(t, doc)).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// Pages returns the text of each page as pdftotext extracts it; with layout, in its
// -layout mode, which keeps the physical arrangement (a table row stays on one line).
func Pages(t testing.TB, doc []byte, layout bool) []string {
	t.Helper()
	bin := tool(t, "pdftotext")
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	args = append(args, write(t, doc), "-")
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// Text returns the whole text of the document, pages joined.
func Text(t testing.TB, doc []byte) string {
	t.Helper()
	return strings.Join(Pages(t, doc, false), "\n")
}

// Squash collapses runs of white space into one space, for comparing wrapped text.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }
