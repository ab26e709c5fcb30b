package courses_test

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/seed"
)

// seedCourses returns the built-in course content.
func seedCourses(t testing.TB) fs.FS {
	t.Helper()
	sub, err := fs.Sub(seed.Files, "courses")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestLoadBuiltInContent(t *testing.T) {
	content, err := courses.Load(seedCourses(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(content.Modules) != 9 {
		t.Fatalf("%d modules, want 9", len(content.Modules))
	}
	for i, m := range content.Modules {
		t.Run(m.Slug, func(t *testing.T) {
			if m.Position != i+1 {
				t.Errorf("position %d, want %d", m.Position, i+1)
			}
			if len(m.Lessons) < 3 {
				t.Errorf("%d lessons, want at least 3", len(m.Lessons))
			}
			if len(m.Quiz.Questions) < 6 {
				t.Errorf("%d questions, want at least 6", len(m.Quiz.Questions))
			}
			for _, l := range m.Lessons {
				for _, lang := range []string{"es", "en"} {
					if l.Title[lang] == "" || l.Markdown[lang] == "" || l.HTML[lang] == "" {
						t.Errorf("lesson %s lacks %s text", l.Slug, lang)
					}
				}
			}
		})
	}
}

// markdownMark is Markdown markup in text shown as it is: emphasis, code, links.
var markdownMark = regexp.MustCompile("\\*[^*\\s][^*]*\\*|_[^_\\s][^_]*_\\b|`|\\]\\(")

// TestQuizTextsArePlain: a quiz's questions, options and feedback are shown as plain text
// (only lessons are Markdown), so markup in them would show its asterisks to the learner.
func TestQuizTextsArePlain(t *testing.T) {
	content, err := courses.Load(seedCourses(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range content.Modules {
		for _, q := range m.Quiz.Questions {
			texts := []courses.Text{q.Scenario, q.Text}
			for _, o := range q.Options {
				texts = append(texts, o.Text, o.Feedback)
			}
			for _, text := range texts {
				for lang, s := range text {
					if mark := markdownMark.FindString(s); mark != "" {
						t.Errorf("%s, question %s (%s): %q shows Markdown as it is: %q", m.Quiz.Slug, q.ID, lang, mark, s)
					}
				}
			}
		}
	}
}
