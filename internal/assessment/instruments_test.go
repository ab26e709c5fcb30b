package assessment_test

import (
	"errors"
	"io/fs"
	"os"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/assessment"
	"github.com/academy-platform/academy/internal/assessment/instrument"
	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/seed"
)

// seedInstruments returns the built-in instruments embedded in the binary.
func seedInstruments(t testing.TB) fs.FS {
	t.Helper()
	fsys, err := fs.Sub(seed.Files, "instruments")
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func TestLoadSeedInstruments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		loaded, err := f.store.LoadInstruments(f.ctx, seedInstruments(t))
		wantIs(t, err, nil)
		if len(loaded) != 2 {
			t.Fatalf("loaded %+v, want the 2 seed instruments", loaded)
		}
		for _, l := range loaded {
			if !l.Created || l.Version < 1 || l.ID == "" {
				t.Errorf("first load: %+v", l)
			}
			def, err := f.store.Definition(f.ctx, l.ID)
			wantIs(t, err, nil)
			if err := instrument.ContentRules(def, l.File); err != nil {
				t.Errorf("stored %s breaks the built-in rules: %v", l.File, err)
			}
		}
		again, err := f.store.LoadInstruments(f.ctx, seedInstruments(t))
		wantIs(t, err, nil)
		for i, l := range again {
			if l.Created || l.ID != loaded[i].ID {
				t.Errorf("second load changed something: %+v, first %+v", l, loaded[i])
			}
		}
		org := f.org("acme")
		list, err := f.store.Instruments(f.ctx, org.ID)
		wantIs(t, err, nil)
		if len(list) != 2 || list[0].Key != "networking-observer" || list[1].Key != "networking-self" ||
			!list[1].BuiltIn() || list[1].Title.In("en") != "Networking self-assessment" || len(list[1].Languages) != 2 {
			t.Errorf("instruments = %+v", list)
		}
	})
}

func TestLoadInstrumentsReportsEveryFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		before := f.snapshot()
		_, err := f.store.LoadInstruments(f.ctx, os.DirFS("testdata/broken"))
		var perr *instrument.Error
		if !errors.As(err, &perr) {
			t.Fatalf("error = %v, want *instrument.Error", err)
		}
		files := map[string]bool{}
		for _, p := range perr.Problems {
			files[p.File] = true
		}
		if !files["a-bad.yaml"] || !files["b-bad.yaml"] || files["c-good.yaml"] {
			t.Errorf("problems name files %v, want both bad files", files)
		}
		f.wantUnchanged(before)
	})
}

func TestInstrumentVersions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		read := func(name string) []byte {
			data, err := os.ReadFile("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
		add := func(name string) (string, int, bool, error) {
			return f.store.AddInstrument(f.ctx, read(name), name, acme.ID)
		}
		v1, version, created, err := add("small.yaml")
		if err != nil || version != 1 || !created {
			t.Fatalf("first add: %s %d %v %v", v1, version, created, err)
		}
		u := f.learner(acme.ID)
		open := f.start(u, "small")

		steps := []struct {
			name    string
			file    string
			want    error
			created bool
			version int
		}{
			{"the same file again is idempotent", "small.yaml", nil, false, 1},
			{"changed content with the same version is refused", "small-v1-changed.yaml", errs.ErrConflict, false, 0},
			{"changed content with a new version is stored", "small-v2.yaml", nil, true, 2},
			{"the new version again is idempotent", "small-v2.yaml", nil, false, 2},
			{"an older version number is refused", "small-v1-changed.yaml", errs.ErrConflict, false, 0},
			{"the old, unchanged file is older too", "small.yaml", errs.ErrConflict, false, 0},
		}
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				before := f.snapshot()
				_, version, created, err := add(s.file)
				wantIs(t, err, s.want)
				if s.want != nil {
					f.wantUnchanged(before)
					return
				}
				if created != s.created || version != s.version {
					t.Errorf("created %v version %d, want %v %d", created, version, s.created, s.version)
				}
			})
		}

		// The open attempt keeps version 1; the next one starts on version 2.
		again := f.start(u, "small")
		if again.ID != open.ID || again.InstrumentID != v1 {
			t.Errorf("open attempt after v2 = %+v, want the v1 attempt %s", again, open.ID)
		}
		wantIs(t, f.store.Submit(f.ctx, u.ID, open.ID), nil)
		next := f.start(u, "small")
		inst, err := f.store.Instrument(f.ctx, next.InstrumentID)
		wantIs(t, err, nil)
		if next.ID == open.ID || inst.Version != 2 {
			t.Errorf("new attempt %+v on version %d, want version 2", next, inst.Version)
		}
		versions, err := f.store.InstrumentVersions(f.ctx, acme.ID, "small")
		wantIs(t, err, nil)
		if len(versions) != 2 || versions[0].Version != 2 || versions[1].ID != v1 {
			t.Errorf("versions = %+v", versions)
		}
	})
}

func TestInstrumentOwnership(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme, other := f.org("acme"), f.org("other")
		_, err := f.store.LoadInstruments(f.ctx, seedInstruments(t))
		wantIs(t, err, nil)
		custom := f.add(acme.ID, "small.yaml")

		list, err := f.store.Instruments(f.ctx, acme.ID)
		wantIs(t, err, nil)
		if len(list) != 3 || list[2].Key != "small" || list[2].OrganisationID != acme.ID || !list[2].VisibleTo(acme.ID) {
			t.Errorf("acme sees %+v", list)
		}
		list, err = f.store.Instruments(f.ctx, other.ID)
		wantIs(t, err, nil)
		if len(list) != 2 {
			t.Errorf("other sees %+v, want only the built-in ones", list)
		}
		stranger := f.learner(other.ID)
		_, err = f.store.Start(f.ctx, stranger.ID, other.ID, "small")
		wantIs(t, err, errs.ErrNotFound)
		_, err = f.store.InstrumentVersions(f.ctx, other.ID, "small")
		wantIs(t, err, errs.ErrNotFound)

		// Another organisation may use the same key for its own instrument.
		theirs := f.add(other.ID, "small.yaml")
		if theirs == custom {
			t.Error("two organisations share one instrument row")
		}
		// Built-in keys are reserved, and a key in use by an organisation cannot become built-in.
		data, _ := fs.ReadFile(seedInstruments(t), "networking-self.yaml")
		_, _, _, err = f.store.AddInstrument(f.ctx, data, "networking-self.yaml", acme.ID)
		wantIs(t, err, errs.ErrConflict)
		data, _ = os.ReadFile("testdata/small.yaml")
		_, _, _, err = f.store.AddInstrument(f.ctx, data, "small.yaml", "")
		wantIs(t, err, errs.ErrConflict)
		// An unknown organisation, an invalid file.
		_, _, _, err = f.store.AddInstrument(f.ctx, data, "small.yaml", "0190a0a0-0000-7000-8000-000000000000")
		wantIs(t, err, errs.ErrNotFound)
		_, _, _, err = f.store.AddInstrument(f.ctx, []byte("id: x\nversion: 1\nbogus: 1\n"), "x.yaml", acme.ID)
		var perr *instrument.Error
		if !errors.As(err, &perr) || perr.Problems[0].String() == "" {
			t.Errorf("invalid file: %v", err)
		}
		if _, ok := errs.AsValidation(err); !ok {
			t.Errorf("invalid file: %v is no validation error", err)
		}
	})
}

func TestStartReturnsTheOpenAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		f.add(acme.ID, "small.yaml")
		u := f.learner(acme.ID)
		a := f.start(u, "small")
		if a.Status != assessment.StatusOpen || a.Source != assessment.SourceOnline || a.Submitted() ||
			*a.UserID != u.ID || *a.OrganisationID != acme.ID || !a.StartedAt.Equal(t0) {
			t.Errorf("attempt = %+v", a)
		}
		if b := f.start(u, "small"); b.ID != a.ID {
			t.Errorf("second start = %s, want the open attempt %s", b.ID, a.ID)
		}
		_, err := f.store.Start(f.ctx, u.ID, acme.ID, "nope")
		wantIs(t, err, errs.ErrNotFound)
		list, err := f.store.Attempts(f.ctx, u.ID)
		wantIs(t, err, nil)
		if len(list) != 1 || list[0].ID != a.ID {
			t.Errorf("attempts = %+v", list)
		}
	})
}
