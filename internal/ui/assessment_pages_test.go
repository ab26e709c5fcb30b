package ui

import (
	"io/fs"
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
