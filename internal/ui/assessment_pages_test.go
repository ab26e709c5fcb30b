package ui

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/seed"
)

func TestQuestionPagesCoverEveryItemOnce(t *testing.T) {
	data, err := fs.ReadFile(seed.Files, "instruments/networking-self.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def, err := instrument.Parse(data, "networking-self.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pages := questionPages(def)
	seen := map[string]int{}
	sjtStarted := false
	for p, page := range pages {
		if len(page) == 0 {
			t.Fatalf("page %d is empty", p)
		}
		dims := map[string]bool{}
		for _, it := range page {
			seen[it.ID]++
			if it.Type == instrument.SJT {
				sjtStarted = true
				if len(page) > scenarioPerPage {
					t.Fatalf("page %d has %d scenarios", p, len(page))
				}
			} else if sjtStarted {
				t.Fatalf("Likert item %s after the scenarios began", it.ID)
			}
			dims[it.Dimension] = true
		}
		if page[0].Type != instrument.SJT && len(page) == likertPerPage && len(dims) < 4 {
			t.Errorf("page %d mixes only %d dimensions", p, len(dims))
		}
	}
	if len(seen) != len(def.Items) {
		t.Fatalf("%d items on pages, instrument has %d", len(seen), len(def.Items))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("item %s appears %d times", id, n)
		}
	}
}

func TestResumePage(t *testing.T) {
	pages := [][]string{{"a", "b"}, {"c", "d"}, {"e"}}
	cases := []struct {
		answered string
		page     int
		ok       bool
	}{
		{"", 1, true},
		{"a", 1, true},
		{"ab", 2, true},
		{"abd", 2, true},
		{"abcd", 3, true},
		{"acde", 1, true}, // a gap on the first page comes first, whatever came later
		{"abcde", 0, false},
	}
	for _, c := range cases {
		page, ok := resumePage(pages, func(id string) bool { return strings.Contains(c.answered, id) })
		if page != c.page || ok != c.ok {
			t.Errorf("answered %q: page %d, %v; want %d, %v", c.answered, page, ok, c.page, c.ok)
		}
	}
}
