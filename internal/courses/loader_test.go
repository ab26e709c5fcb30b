package courses_test

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/errs"
)

// validFS returns the small valid course in testdata/valid as an editable in-memory tree.
func validFS(t testing.TB) fstest.MapFS {
	t.Helper()
	return readTree(t, "testdata/valid")
}

// readTree reads every file under dir into a MapFS keyed by relative path.
func readTree(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// invalidFS lays testdata/invalid/NAME over the valid course: its files replace or add to
// the valid ones, and the paths in its remove.txt are deleted. It returns the tree and the
// expected problems from want.txt.
func invalidFS(t testing.TB, name string) (fstest.MapFS, []string) {
	t.Helper()
	tree := validFS(t)
	var want []string
	for p, f := range readTree(t, path.Join("testdata/invalid", name)) {
		switch p {
		case "want.txt":
			want = nonEmptyLines(string(f.Data))
		case "remove.txt":
			for _, r := range nonEmptyLines(string(f.Data)) {
				delete(tree, r)
			}
		default:
			tree[p] = f
		}
	}
	return tree, want
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func TestLoadValid(t *testing.T) {
	content, err := courses.Load(validFS(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(content.Modules) != 2 {
		t.Fatalf("%d modules, want 2", len(content.Modules))
	}
	m := content.Modules[0]
	if m.Slug != "first-steps" || m.Position != 1 || strings.Join(m.Dimensions, ",") != "giving-first,other-focus" {
		t.Fatalf("module = %+v", m)
	}
	if m.Title.In("en") != "First steps" || m.Title.In("fr") != "Primeros pasos" {
		t.Errorf("title = %v", m.Title)
	}
	var slugs []string
	for _, l := range m.Lessons {
		slugs = append(slugs, l.Slug)
	}
	if got := strings.Join(slugs, ","); got != "why-give,ask-goals,this-week" {
		t.Errorf("lessons = %s", got)
	}
	l := m.Lessons[1]
	if l.Minutes != 6 || l.Title["es"] != "Lección ask-goals" || !strings.Contains(string(l.Body("en")), "<strong>ask-goals</strong>") {
		t.Errorf("lesson = %+v", l)
	}
	q := m.Quiz
	if q.Slug != "first-steps-quiz" || q.PassMark != 70 || q.MaxAttempts != 3 || q.Grading != courses.GradingHighest ||
		q.Review != courses.ReviewAfterPassOrLastAttempt || len(q.Questions) != 6 {
		t.Fatalf("quiz = %+v", q)
	}
	q4 := q.Questions[3]
	if q4.Type != courses.QuestionScenario || q4.Scenario.In("en") != "Ana meets Luis at an event." {
		t.Errorf("q4 = %+v", q4)
	}
	var ids []string
	for _, o := range q4.Options {
		ids = append(ids, o.ID)
	}
	if strings.Join(ids, "") != "abc" || !q4.Options[1].Correct || q4.Options[1].Feedback.In("en") != "Right 4b" {
		t.Errorf("q4 options = %+v", q4.Options)
	}
}

func TestLoadInvalid(t *testing.T) {
	entries, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			tree, want := invalidFS(t, e.Name())
			if len(want) == 0 {
				t.Fatal("the case has no want.txt")
			}
			content, err := courses.Load(tree)
			if err == nil {
				t.Fatalf("Load succeeded with %d modules", len(content.Modules))
			}
			if len(content.Modules) != 0 {
				t.Errorf("a failed load returned %d modules", len(content.Modules))
			}
			var le *courses.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %T, want *LoadError: %v", err, err)
			}
			if _, ok := errs.AsValidation(err); !ok {
				t.Errorf("LoadError does not unwrap to a ValidationError")
			}
			var got []string
			for _, p := range le.Problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
