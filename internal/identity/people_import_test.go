package identity_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// importWorld is an organisation with people and a cohort already in it, and another
// organisation and a platform administrator whose emails an import must not take.
type importWorld struct {
	*fixture
	acme, other      identity.Organisation
	boss             identity.User // org admin who imports
	existing, coach  identity.User // already in acme
	existingCohort   identity.Cohort
	otto, platformAd identity.User
}

func newImportWorld(t *testing.T, gdb *gorm.DB) *importWorld {
	f := newFixture(t, gdb)
	w := &importWorld{fixture: f}
	w.acme, w.other = f.org("acme"), f.org("other")
	w.boss = f.user(w.acme.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
	w.existing = f.user(w.acme.ID, identity.RoleLearner, "existing@acme.test", "Existing Learner")
	w.coach = f.user(w.acme.ID, identity.RoleCoach, "coach@acme.test", "Existing Coach")
	w.existingCohort = f.cohort(w.acme.ID, "Existing cohort")
	w.otto = f.user(w.other.ID, identity.RoleLearner, "otto@other.test", "Otto")
	w.platformAd = f.user("", identity.RoleAdmin, "admin@academy.test", "Admin")
	return w
}

func (w *importWorld) cohortByName(name string) (identity.Cohort, bool) {
	w.t.Helper()
	var c identity.Cohort
	err := w.gdb.Where("organisation_id = ? AND name = ?", w.acme.ID, name).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return c, false
	}
	if err != nil {
		w.t.Fatal(err)
	}
	return c, true
}

func TestImportPeopleValid(t *testing.T) {
	type wantRow struct {
		line    int
		email   string
		outcome string
	}
	cases := []struct {
		name       string
		file       string
		rows       []wantRow
		newCohorts []string
		newUsers   int64
		members    map[string]string // cohort name → its learners, by name
		coaches    map[string]string // cohort name → its coaches, by name
		check      func(t *testing.T, w *importWorld, r identity.ImportReport)
	}{
		{
			name: "comma separated",
			file: "email,name,role,cohort\n" +
				"ana@acme.test,Ana,learner,Alpha\n" +
				"bob@acme.test,Bob,coach,Alpha\n" +
				"carla@acme.test,Carla,org_admin,\n" +
				"dan@acme.test,Dan,learner,ALPHA\n",
			rows: []wantRow{
				{2, "ana@acme.test", "invited"}, {3, "bob@acme.test", "invited"},
				{4, "carla@acme.test", "invited"}, {5, "dan@acme.test", "invited"},
			},
			newCohorts: []string{"Alpha"},
			newUsers:   4,
			members:    map[string]string{"Alpha": "Ana,Dan"},
			coaches:    map[string]string{"Alpha": "Bob"},
		},
		{
			name: "semicolons, BOM, CRLF, header in another order and case, blank lines, quotes",
			file: "\ufeffCohort; ROLE ;Name;EMAIL\r\n" +
				"Alpha;Learner;\"Pérez; Ana\";  ANA@Acme.Test \r\n" +
				"\r\n" +
				";;;\r\n" +
				"Beta;COACH;Bob;bob@acme.test\r\n" +
				" ; Org_Admin ;Carla;carla@acme.test",
			rows: []wantRow{
				{2, "ana@acme.test", "invited"}, {5, "bob@acme.test", "invited"}, {6, "carla@acme.test", "invited"},
			},
			newCohorts: []string{"Alpha", "Beta"},
			newUsers:   3,
			members:    map[string]string{"Alpha": "Pérez; Ana", "Beta": ""},
			coaches:    map[string]string{"Alpha": "", "Beta": "Bob"},
			check: func(t *testing.T, w *importWorld, r identity.ImportReport) {
				carla, err := w.store.UserByEmail(w.ctx, "carla@acme.test")
				if err != nil || carla.Role != identity.RoleOrgAdmin || carla.OrgID() != w.acme.ID {
					t.Fatalf("carla = %+v, %v", carla, err)
				}
			},
		},
		{
			name: "a name over two lines",
			file: "email,name,role,cohort\n" +
				"ana@acme.test,\"Ana\nMaría\",learner,\n" +
				"bob@acme.test,Bob,learner,\n",
			rows:     []wantRow{{2, "ana@acme.test", "invited"}, {4, "bob@acme.test", "invited"}},
			newUsers: 2,
		},
		{
			name: "people already in the organisation",
			file: "email,name,role,cohort\n" +
				"Existing@acme.test,Another Name,learner,existing COHORT\n" +
				"coach@acme.test,Coach,coach,Existing cohort\n" +
				"new@acme.test,New,learner,Existing Cohort\n" +
				"boss@acme.test,Boss,org_admin,\n",
			rows: []wantRow{
				{2, "existing@acme.test", "existing"}, {3, "coach@acme.test", "existing"},
				{4, "new@acme.test", "invited"}, {5, "boss@acme.test", "existing"},
			},
			newUsers: 1,
			members:  map[string]string{"Existing cohort": "Existing Learner,New"},
			coaches:  map[string]string{"Existing cohort": "Existing Coach"},
			check: func(t *testing.T, w *importWorld, r identity.ImportReport) {
				if r.Rows[0].UserID != w.existing.ID || r.Rows[1].UserID != w.coach.ID || r.Rows[3].UserID != w.boss.ID {
					t.Fatal("existing rows do not point at the existing people")
				}
				u, _ := w.store.User(w.ctx, w.existing.ID)
				if u.Name != "Existing Learner" || u.Pending() {
					t.Fatalf("an import changed an existing person: %+v", u)
				}
				if n := w.count("invitations", "user_id IN ?", []string{w.existing.ID, w.coach.ID, w.boss.ID}); n != 0 {
					t.Fatalf("%d invitations sent to people who already have accounts", n)
				}
			},
		},
	}
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					w := newImportWorld(t, dbtest.New(t, kind))
					before := w.snapshot()
					report, err := w.store.ImportPeople(w.ctx, w.boss.ID, w.acme.ID, []byte(c.file))
					if err != nil {
						t.Fatalf("ImportPeople: %v (%+v)", err, report)
					}
					if !report.Valid() || report.FileProblem != "" || report.InvalidRows() != 0 {
						t.Fatalf("report = %+v", report)
					}
					if len(report.Rows) != len(c.rows) {
						t.Fatalf("%d rows, want %d: %+v", len(report.Rows), len(c.rows), report.Rows)
					}
					invited := 0
					for i, want := range c.rows {
						got := report.Rows[i]
						if got.Line != want.line || got.Email != want.email || got.Outcome != want.outcome {
							t.Fatalf("row %d = line %d %s %s, want line %d %s %s", i,
								got.Line, got.Email, got.Outcome, want.line, want.email, want.outcome)
						}
						u, err := w.store.UserByEmail(w.ctx, want.email)
						if err != nil || u.ID != got.UserID || u.OrgID() != w.acme.ID {
							t.Fatalf("row %d: user %+v, %v", i, u, err)
						}
						if want.outcome == "existing" {
							if got.Token != "" {
								t.Fatalf("row %d: a token for an existing person", i)
							}
							continue
						}
						invited++
						if u.Name != got.Name || u.Role != got.Role || !u.Pending() {
							t.Fatalf("row %d: created %+v from %+v", i, u, got)
						}
						if inv, err := w.store.InvitationUser(w.ctx, got.Token); err != nil || inv.ID != u.ID {
							t.Fatalf("row %d: invitation token does not work: %v", i, err)
						}
					}
					if !slices.Equal(report.NewCohorts, c.newCohorts) {
						t.Fatalf("new cohorts = %q, want %q", report.NewCohorts, c.newCohorts)
					}
					after := w.snapshot()
					if d := after["users"] - before["users"]; d != c.newUsers {
						t.Fatalf("%d users created, want %d", d, c.newUsers)
					}
					if d := after["invitations"] - before["invitations"]; d != int64(invited) {
						t.Fatalf("%d invitations created, want %d", d, invited)
					}
					if d := after["cohorts"] - before["cohorts"]; d != int64(len(c.newCohorts)) {
						t.Fatalf("%d cohorts created, want %d", d, len(c.newCohorts))
					}
					for name, want := range c.members {
						cohort, ok := w.cohortByName(name)
						if !ok {
							t.Fatalf("cohort %q missing", name)
						}
						got, _ := w.store.CohortMembers(w.ctx, cohort.ID)
						if names(got) != want {
							t.Errorf("%s's members = %q, want %q", name, names(got), want)
						}
					}
					for name, want := range c.coaches {
						cohort, _ := w.cohortByName(name)
						got, _ := w.store.CohortCoaches(w.ctx, cohort.ID)
						if names(got) != want {
							t.Errorf("%s's coaches = %q, want %q", name, names(got), want)
						}
					}
					if c.check != nil {
						c.check(t, w, report)
					}
				})
			}
		})
	}
}

// TestImportPeopleBadRow puts one bad row (line 4) between good ones (lines 2 and 5): the
// report must name the problem on the right line and nothing at all may be stored.
func TestImportPeopleBadRow(t *testing.T) {
	cases := []struct {
		name string
		row  string
		want []string // field:code or field:code:param, in any order
	}{
		{"bad email", "not-an-email,Bad,learner,Gamma", []string{"email:email"}},
		{"missing email", ",Bad,learner,Gamma", []string{"email:required"}},
		{"unknown role", "x@acme.test,X,manager,Gamma", []string{"role:oneof:learner coach org_admin"}},
		{"platform admin role", "x@acme.test,X,admin,", []string{"role:oneof:learner coach org_admin"}},
		{"missing role", "x@acme.test,X,,Gamma", []string{"role:required"}},
		{"missing name", "x@acme.test,,learner,", []string{"name:required"}},
		{"missing fields", "x@acme.test", []string{"name:required", "role:required"}},
		{"duplicate of line 2", "GOOD1@acme.test,Again,learner,", []string{"email:duplicate_row:2"}},
		{"email of another organisation's person", "otto@other.test,Otto,learner,", []string{"email:taken"}},
		{"email of the platform administrator", "admin@academy.test,Admin,learner,", []string{"email:taken"}},
		{"org admin with a cohort", "x@acme.test,X,org_admin,Gamma", []string{"cohort:no_cohort_for_role"}},
		{"existing person with another role", "existing@acme.test,Existing Learner,coach,Gamma", []string{"role:role_differs:learner"}},
		{"cohort name too long", "x@acme.test,X,learner," + strings.Repeat("c", 121), []string{"cohort:max:120"}},
		{"several problems", "not-an-email,,boss,", []string{"email:email", "name:required", "role:oneof:learner coach org_admin"}},
	}
	const good1 = "good1@acme.test,Good One,learner,Gamma"
	const good2 = "good2@acme.test,Good Two,coach,Gamma"
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			w := newImportWorld(t, dbtest.New(t, kind))
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					w := &importWorld{fixture: w.on(t), acme: w.acme, boss: w.boss}
					file := "email,name,role,cohort\n" + good1 + "\n\n" + c.row + "\n" + good2 + "\n"
					before := w.snapshot()
					report, err := w.store.ImportPeople(w.ctx, w.boss.ID, w.acme.ID, []byte(file))
					if !errors.Is(err, identity.ErrImportInvalid) {
						t.Fatalf("error = %v, want ErrImportInvalid", err)
					}
					w.wantUnchanged(before)
					if _, ok := w.cohortByName("Gamma"); ok {
						t.Fatal("a cohort was created by a refused import")
					}
					if _, err := w.store.UserByEmail(w.ctx, "good1@acme.test"); !errors.Is(err, errs.ErrNotFound) {
						t.Fatalf("a good row of a refused import was stored: %v", err)
					}

					if report.FileProblem != "" || report.Valid() || report.InvalidRows() != 1 || len(report.Rows) != 3 {
						t.Fatalf("report = %+v", report)
					}
					for i, line := range []int{2, 4, 5} {
						row := report.Rows[i]
						if row.Line != line {
							t.Fatalf("row %d is line %d, want %d", i, row.Line, line)
						}
						if row.Outcome != "" || row.UserID != "" || row.Token != "" {
							t.Fatalf("line %d of a refused import reports %q %q %q", line, row.Outcome, row.UserID, row.Token)
						}
						if line != 4 && len(row.Problems) != 0 {
							t.Fatalf("good line %d has problems %v", line, row.Problems)
						}
					}
					var got []string
					for _, p := range report.Rows[1].Problems {
						s := p.Field + ":" + p.Code
						if p.Param != "" {
							s += ":" + p.Param
						}
						got = append(got, s)
					}
					slices.Sort(got)
					want := slices.Sorted(slices.Values(c.want))
					if !slices.Equal(got, want) {
						t.Fatalf("line 4 problems = %q, want %q", got, want)
					}
				})
			}
		})
	}
}

func TestImportPeopleFileProblems(t *testing.T) {
	header := "email,name,role,cohort\n"
	many := func(n int) string {
		var b strings.Builder
		b.WriteString(header)
		for i := range n {
			fmt.Fprintf(&b, "p%d@acme.test,Person %d,learner,Big\n", i, i)
		}
		return b.String()
	}
	cases := []struct {
		name, file, want string
	}{
		{"empty file", "", "no_header"},
		{"only a byte order mark", "\ufeff", "no_header"},
		{"only blank lines", "\n\n\n", "no_header"},
		{"header only", header, "empty"},
		{"header and blank rows", header + ",,,\n\n , ,,\n", "empty"},
		{"no header", "ana@acme.test,Ana,learner,Alpha\n", "bad_header"},
		{"misspelt column", "e-mail,name,role,cohort\nana@acme.test,Ana,learner,Alpha\n", "bad_header"},
		{"missing column", "email,name,role\nana@acme.test,Ana,learner\n", "bad_header"},
		{"not UTF-8", header + "jose@acme.test,Jos\xe9,learner,\n", "not_utf8"},
		{"UTF-16", "\xff\xfee\x00m\x00a\x00i\x00l\x00", "not_utf8"},
		{"stray quote in a later field", header + "ana@acme.test,\"Ana\"x,learner,\n", "malformed"},
		{"stray quote in the first field", header + "\"ana@acme.test\"x,Ana,learner,\n", "malformed"},
		{"bare quote in the first field", header + "an\"a@acme.test,Ana,learner,\n", "malformed"},
		{"unterminated quote", header + "\"ana@acme.test,Ana,learner,\n", "malformed"},
		{"malformed after good rows", header + "ana@acme.test,Ana,learner,Alpha\nbob@acme.test,Bob\"\",learner,\n", "malformed"},
		{"too many rows", many(identity.MaxImportRows + 1), "too_many_rows"},
		{"too large", header + "ana@acme.test,Ana,learner,Alpha\n" + strings.Repeat(",,,\n", identity.MaxImportBytes/4), "too_large"},
	}
	for _, kind := range dbtest.Kinds() {
		t.Run(string(kind), func(t *testing.T) {
			w := newImportWorld(t, dbtest.New(t, kind))
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					f := w.on(t)
					before := f.snapshot()
					var report identity.ImportReport
					var err error
					func() {
						defer func() {
							if p := recover(); p != nil {
								t.Fatalf("ImportPeople panicked: %v", p)
							}
						}()
						report, err = f.store.ImportPeople(f.ctx, w.boss.ID, w.acme.ID, []byte(c.file))
					}()
					if !errors.Is(err, identity.ErrImportInvalid) {
						t.Fatalf("error = %v, want ErrImportInvalid", err)
					}
					if report.FileProblem != c.want || report.Valid() {
						t.Fatalf("file problem = %q, want %q", report.FileProblem, c.want)
					}
					f.wantUnchanged(before)
				})
			}
		})
	}
}
