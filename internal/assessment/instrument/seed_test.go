package instrument_test

import (
	"io/fs"
	"testing"

	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/seed"
)

// TestSeedInstruments parses every built-in instrument and checks the content rules.
func TestSeedInstruments(t *testing.T) {
	files, err := fs.Glob(seed.Files, "instruments/*.yaml")
	if err != nil || len(files) < 2 {
		t.Fatalf("seed instruments: %v, %v", files, err)
	}
	audiences := map[instrument.Audience]bool{}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			data, err := fs.ReadFile(seed.Files, file)
			if err != nil {
				t.Fatal(err)
			}
			def, err := instrument.Parse(data, file)
			if err != nil {
				t.Fatal(err)
			}
			if err := instrument.ContentRules(def, file); err != nil {
				t.Fatal(err)
			}
			if len(def.Dimensions) != 8 || len(def.Languages) != 2 {
				t.Errorf("%d dimensions in %v, want the model's 8 in es and en", len(def.Dimensions), def.Languages)
			}
			audiences[def.Audience] = true
		})
	}
	if !audiences[instrument.AudienceSelf] || !audiences[instrument.AudienceObserver] {
		t.Errorf("seed audiences %v, want a self and an observer form", audiences)
	}
}
