package reports

import (
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/development"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// csvWorld is an organisation whose people and cohort have names a spreadsheet would run
// as formulas, or that need quoting.
type csvWorld struct {
	*world
	cohort  identity.Cohort
	members []identity.User
}

func newCSVWorld(t *testing.T, gdb *gorm.DB) *csvWorld {
	w := newWorld(t, gdb)
	names := []string{`=HYPERLINK("http://evil.example","x")`, "+34 600 000 000", "-2+3", "@SUM(A1:A9)", "\tTabulada",
		`Núñez, Ana "la Jefa"`, "Zoe Ortiz"}
	cw := &csvWorld{world: w}
	for _, n := range names {
		cw.members = append(cw.members, w.learner(n))
	}
	cw.cohort = w.cohort("=cmd|' /C calc'!A0", cw.members[:5]...)
	w.cohort("Ventas, 2026", cw.members[4:]...)
	w.importSelf(cw.members[:6], func(i, k int) int { return 1 + (i+k)%4 })
	w.importSelf(cw.members[:3], func(i, k int) int { return 2 + (i+k)%4 })
	w.completeModule(cw.members[1], 0, true)
	w.log(cw.members[5], "2025-06-02", development.ActionHelped)
	w.log(cw.members[5], "2025-06-03", development.ActionAskedForHelp)
	return cw
}

// export runs a CSV export and parses it back, checking the RFC 4180 line ends.
func export(t *testing.T, run func(*strings.Builder) error) (string, [][]string) {
	t.Helper()
	var b strings.Builder
	if err := run(&b); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	if strings.Count(raw, "\r\n") < strings.Count(raw, "\n") {
		t.Errorf("lines do not end with CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("not valid CSV: %v\n%s", err, raw)
	}
	return raw, rows
}

// wantSafe fails when a cell starts with a character a spreadsheet runs as a formula.
func wantSafe(t *testing.T, rows [][]string) {
	t.Helper()
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) || strings.HasPrefix(cell, "-") && strings.Trim(cell, "-0123456789.") != "" {
				t.Errorf("unsafe cell %q in %q", cell, row)
			}
		}
	}
}

func TestScoresCSV(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		w := newCSVWorld(t, gdb)
		src := w.sources()
		raw, rows := export(t, func(b *strings.Builder) error {
			return src.ScoresCSV(w.ctx, b, Scope{OrganisationID: w.org.ID}, Spanish)
		})
		if got := strings.Join(rows[0], "|"); got != "Participante|Correo electrónico|Grupos|Dimensión|Clave de la dimensión|Puntuación (0–100)|Nivel|Fecha de la autoevaluación|Versión del instrumento|Autoevaluaciones|Cambio desde la primera|Lectura del cambio" {
			t.Errorf("header = %s", got)
		}
		if len(rows) != 1+7*8 {
			t.Fatalf("%d rows, want a header and 7 learners × 8 dimensions", len(rows))
		}
		wantSafe(t, rows)
		// Learners by name; the formula-like names neutralised, the quoted one intact.
		first := rows[1]
		if first[0] != "'+34 600 000 000" || first[2] != "'=cmd|' /C calc'!A0" || first[3] != "Dar primero" || first[4] != "giving-first" {
			t.Errorf("first row = %q", first)
		}
		if !strings.Contains(raw, `"Núñez, Ana ""la Jefa"""`) || !strings.Contains(raw, "\"'=cmd|' /C calc'!A0; Ventas, 2026\"") {
			t.Errorf("quoting:\n%s", raw)
		}
		byName := map[string][][]string{}
		for _, r := range rows[1:] {
			byName[r[0]] = append(byName[r[0]], r)
		}
		hyper := byName[`'=HYPERLINK("http://evil.example","x")`]
		if len(hyper) != 8 || hyper[0][5] == "" || hyper[0][6] == "" || hyper[0][9] != "2" || hyper[0][10] == "" || hyper[0][11] == "" {
			t.Errorf("assessed twice: %q", hyper)
		}
		if zoe := byName["Zoe Ortiz"]; len(zoe) != 8 || zoe[0][5] != "" || zoe[0][9] != "0" || zoe[0][2] != "Ventas, 2026" {
			t.Errorf("not assessed: %q", zoe)
		}
		if ana := byName[`Núñez, Ana "la Jefa"`]; ana[0][9] != "1" || ana[0][10] != "" || !strings.Contains(ana[0][7], "-") {
			t.Errorf("assessed once: %q", ana)
		}

		// English header and texts; one cohort.
		_, rows = export(t, func(b *strings.Builder) error {
			return src.ScoresCSV(w.ctx, b, Scope{OrganisationID: w.org.ID, CohortID: w.cohort.ID}, English)
		})
		if rows[0][0] != "Learner" || rows[0][5] != "Score (0–100)" || rows[1][3] != "Giving first" || len(rows) != 1+5*8 {
			t.Errorf("English, one cohort: %q … %d rows", rows[:2], len(rows))
		}
	})
}

func TestProgressAndActionsCSV(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		w := newCSVWorld(t, gdb)
		src := w.sources()
		_, rows := export(t, func(b *strings.Builder) error {
			return src.ProgressCSV(w.ctx, b, Scope{OrganisationID: w.org.ID}, English)
		})
		modules := len(w.content.Modules)
		if len(rows) != 8 || len(rows[0]) != 11+modules || rows[0][3] != "Overall progress (%)" ||
			rows[0][11] != w.content.Modules[0].Title.In(English)+" (%)" {
			t.Fatalf("progress header = %q (%d rows)", rows[0], len(rows))
		}
		wantSafe(t, rows)
		for _, r := range rows[1:] {
			if r[0] == "'+34 600 000 000" {
				if r[4] != "1" || r[11] != "100" || r[10] == "" {
					t.Errorf("progress of the learner who completed a module = %q", r)
				}
			} else if r[4] != "0" || r[10] != "" {
				t.Errorf("progress = %q", r)
			}
		}

		_, rows = export(t, func(b *strings.Builder) error {
			return src.ActionsCSV(w.ctx, b, Scope{OrganisationID: w.org.ID}, Spanish)
		})
		if len(rows) != 8 || len(rows[0]) != 16 || rows[0][4] != "Ayudar a alguien con su objetivo" || rows[0][11] != "Semanas con alguna acción (últimas 13)" {
			t.Fatalf("actions header = %q", rows[0])
		}
		wantSafe(t, rows)
		for _, r := range rows[1:] {
			want := "0"
			if r[0] == `Núñez, Ana "la Jefa"` {
				want = "2"
				if r[4] != "1" || r[9] != "1" || r[10] != "2025-06-03" || r[11] != "1" {
					t.Errorf("actions = %q", r)
				}
			}
			if r[3] != want {
				t.Errorf("actions of %s = %s, want %s", r[0], r[3], want)
			}
		}
	})
}

func TestCSVScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		w := newCSVWorld(t, gdb)
		src := w.sources()
		other, err := w.people.CreateOrganisation(w.ctx, identity.OrganisationInput{Slug: "globex", Name: "Globex"})
		if err != nil {
			t.Fatal(err)
		}
		for name, sc := range map[string]Scope{
			"unknown organisation":            {OrganisationID: identity.NewID()},
			"cohort of another organisation":  {OrganisationID: other.ID, CohortID: w.cohort.ID},
			"unknown cohort":                  {OrganisationID: w.org.ID, CohortID: identity.NewID()},
			"malformed organisation":          {OrganisationID: "x"},
			"malformed cohort of the org too": {OrganisationID: w.org.ID, CohortID: "../x"},
		} {
			for _, run := range []func() error{
				func() error { return src.ScoresCSV(w.ctx, &strings.Builder{}, sc, Spanish) },
				func() error { return src.ProgressCSV(w.ctx, &strings.Builder{}, sc, Spanish) },
				func() error { return src.ActionsCSV(w.ctx, &strings.Builder{}, sc, Spanish) },
			} {
				if err := run(); !errors.Is(err, errs.ErrNotFound) {
					t.Errorf("%s: %v", name, err)
				}
			}
		}
		if err := src.ScoresCSV(w.ctx, &strings.Builder{}, Scope{OrganisationID: w.org.ID}, "fr"); err == nil {
			t.Error("French accepted")
		}
		// Another organisation's export has only the header.
		_, rows := export(t, func(b *strings.Builder) error {
			return src.ActionsCSV(w.ctx, b, Scope{OrganisationID: other.ID}, English)
		})
		if len(rows) != 1 {
			t.Errorf("another organisation's export: %q", rows)
		}
	})
}
