package identity_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func TestCreateOrganisation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		first := f.org("acme")
		cases := []struct {
			name, slug, orgName string
			wantSlug            string   // when it succeeds
			fields              []string // field:code, when it fails
		}{
			{"plain", "globex", "Globex", "globex", nil},
			{"upper case and spaces are normalised", "  Initech-2 ", " Initech ", "initech-2", nil},
			{"digits only", "1999", "Y2K", "1999", nil},
			{"longest slug", strings.Repeat("s", 60), "Long", strings.Repeat("s", 60), nil},
			{"taken", "acme", "Acme again", "", []string{"slug:taken"}},
			{"taken in another case", "ACME", "Acme again", "", []string{"slug:taken"}},
			{"missing slug", "", "Nameless", "", []string{"slug:required"}},
			{"space inside", "acme corp", "Acme", "", []string{"slug:slug"}},
			{"underscore", "acme_corp", "Acme", "", []string{"slug:slug"}},
			{"leading hyphen", "-acme", "Acme", "", []string{"slug:slug"}},
			{"trailing hyphen", "acme-", "Acme", "", []string{"slug:slug"}},
			{"double hyphen", "acme--corp", "Acme", "", []string{"slug:slug"}},
			{"accent", "açme", "Acme", "", []string{"slug:slug"}},
			{"slug too long", strings.Repeat("s", 61), "Long", "", []string{"slug:max"}},
			{"missing name", "nameless", "  ", "", []string{"name:required"}},
			{"name too long", "wordy", strings.Repeat("n", 201), "", []string{"name:max"}},
			{"two problems", "Bad Slug", "", "", []string{"slug:slug", "name:required"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := f.on(t)
				before := f.count("organisations")
				org, err := f.store.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: c.slug, Name: c.orgName})
				if c.fields == nil {
					if err != nil {
						t.Fatal(err)
					}
					got, err := f.store.OrganisationBySlug(f.ctx, strings.ToUpper(c.wantSlug))
					if err != nil || got.ID != org.ID || got.Slug != c.wantSlug || got.Name != strings.TrimSpace(c.orgName) {
						t.Fatalf("stored %+v, %v", got, err)
					}
					return
				}
				v, ok := errs.AsValidation(err)
				if !ok || len(v.Fields) != len(c.fields) {
					t.Fatalf("error = %v, want %v", err, c.fields)
				}
				for _, want := range c.fields {
					field, code, _ := strings.Cut(want, ":")
					wantField(t, err, field, code)
				}
				if f.count("organisations") != before {
					t.Fatal("a refused organisation was stored")
				}
			})
		}

		got, err := f.store.Organisation(f.ctx, first.ID)
		if err != nil || got.Slug != "acme" || !got.CreatedAt.Equal(t0) {
			t.Fatalf("Organisation(id) = %+v, %v", got, err)
		}
		for _, id := range []string{"", "acme", identity.NewID()} {
			_, err := f.store.Organisation(f.ctx, id)
			wantIs(t, err, errs.ErrNotFound)
		}
		_, err = f.store.OrganisationBySlug(f.ctx, "nope")
		wantIs(t, err, errs.ErrNotFound)
	})
}

func TestOrganisationsCounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		zed, acme := f.org("zed"), f.org("acme")
		f.user(acme.ID, identity.RoleLearner, "a@acme.test", "A")
		f.user(acme.ID, identity.RoleCoach, "b@acme.test", "B")
		f.pending(acme.ID, identity.RoleLearner, "c@acme.test")
		f.user("", identity.RoleAdmin, "admin@academy.test", "Admin")
		f.cohort(acme.ID, "One")
		f.cohort(zed.ID, "One")
		f.cohort(zed.ID, "Two")
		list, err := f.store.Organisations(f.ctx)
		if err != nil || len(list) != 2 {
			t.Fatalf("Organisations = %+v, %v", list, err)
		}
		if list[0].ID != acme.ID || list[0].People != 3 || list[0].Cohorts != 1 ||
			list[1].ID != zed.ID || list[1].People != 0 || list[1].Cohorts != 2 {
			t.Fatalf("Organisations = %+v", list)
		}
	})
}

func TestCreateUser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		cases := []struct {
			name        string
			in          identity.NewUser
			field, code string
		}{
			{"admin with an organisation", identity.NewUser{OrganisationID: org.ID, Email: "x@acme.test", Name: "X", Role: identity.RoleAdmin}, "role", "org_role"},
			{"learner without an organisation", identity.NewUser{Email: "x@acme.test", Name: "X", Role: identity.RoleLearner}, "role", "org_role"},
			{"email taken in another case", identity.NewUser{OrganisationID: org.ID, Email: " ANA@acme.test", Name: "X", Role: identity.RoleLearner}, "email", "taken"},
			{"unknown role", identity.NewUser{OrganisationID: org.ID, Email: "x@acme.test", Name: "X", Role: "boss"}, "role", "oneof"},
			{"bad locale", identity.NewUser{OrganisationID: org.ID, Email: "x@acme.test", Name: "X", Role: identity.RoleLearner, Locale: "fr"}, "locale", "oneof"},
			{"password too short", identity.NewUser{OrganisationID: org.ID, Email: "x@acme.test", Name: "X", Role: identity.RoleLearner, Password: "short"}, "password", "min"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				f := f.on(t)
				before := f.count("users")
				_, err := f.store.CreateUser(f.ctx, c.in)
				wantField(t, err, c.field, c.code)
				if f.count("users") != before {
					t.Fatal("a refused user was stored")
				}
			})
		}

		u, err := f.store.CreateUser(f.ctx, identity.NewUser{OrganisationID: org.ID, Email: " Bo@ACME.test ", Name: " Bo ", Role: identity.RoleCoach})
		if err != nil || u.Email != "bo@acme.test" || u.Name != "Bo" || u.Locale != "es" || !u.Active || !u.Pending() {
			t.Fatalf("CreateUser = %+v, %v", u, err)
		}
		if got, err := f.store.UserByEmail(f.ctx, "BO@acme.test"); err != nil || got.ID != u.ID {
			t.Fatalf("UserByEmail = %+v, %v", got, err)
		}
		for _, id := range []string{"", "bo", identity.NewID()} {
			_, err := f.store.User(f.ctx, id)
			wantIs(t, err, errs.ErrNotFound)
		}
		_, err = f.store.UserByEmail(f.ctx, "nobody@acme.test")
		wantIs(t, err, errs.ErrNotFound)

		people, err := f.store.UsersInOrganisation(f.ctx, org.ID)
		if err != nil || names(people) != "Ana,Bo" {
			t.Fatalf("UsersInOrganisation = %s, %v", names(people), err)
		}
	})
}

func TestUpdateProfile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		cases := []struct {
			name        string
			in          identity.ProfileInput
			field, code string
		}{
			{"missing name", identity.ProfileInput{Name: "   ", Locale: "en"}, "name", "required"},
			{"name too long", identity.ProfileInput{Name: strings.Repeat("n", 201), Locale: "en"}, "name", "max"},
			{"missing locale", identity.ProfileInput{Name: "Ana B"}, "locale", "required"},
			{"unknown locale", identity.ProfileInput{Name: "Ana B", Locale: "fr"}, "locale", "oneof"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				wantField(t, f.store.UpdateProfile(f.ctx, ana.ID, c.in), c.field, c.code)
				if u, _ := f.store.User(f.ctx, ana.ID); u.Name != "Ana" || u.Locale != "es" {
					t.Fatalf("a refused update changed the profile: %+v", u)
				}
			})
		}
		f.clock.Advance(1000)
		if err := f.store.UpdateProfile(f.ctx, ana.ID, identity.ProfileInput{Name: "  Ana Belén ", Locale: "en"}); err != nil {
			t.Fatal(err)
		}
		u, _ := f.store.User(f.ctx, ana.ID)
		if u.Name != "Ana Belén" || u.Locale != "en" || !u.UpdatedAt.Equal(t0.Add(1000)) {
			t.Fatalf("after update: %+v", u)
		}

		wantField(t, f.store.SetLocale(f.ctx, ana.ID, "fr"), "locale", "oneof")
		if err := f.store.SetLocale(f.ctx, ana.ID, "es"); err != nil {
			t.Fatal(err)
		}
		if u, _ := f.store.User(f.ctx, ana.ID); u.Locale != "es" || u.Name != "Ana Belén" {
			t.Fatalf("after SetLocale: %+v", u)
		}
	})
}

func TestSetActive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		boss := f.user(org.ID, identity.RoleOrgAdmin, "boss@acme.test", "Boss")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		token := f.signIn(boss)

		err := f.store.SetActive(f.ctx, boss.ID, boss.ID, false)
		wantIs(t, err, identity.ErrSelfDeactivation)
		wantIs(t, err, errs.ErrConflict)
		if u, _ := f.store.User(f.ctx, boss.ID); !u.Active || !f.sessionOK(token, boss) {
			t.Fatal("a refused self-deactivation changed something")
		}
		wantIs(t, f.store.SetActive(f.ctx, boss.ID, boss.ID, true), nil)
		wantIs(t, f.store.SetActive(f.ctx, boss.ID, identity.NewID(), false), errs.ErrNotFound)

		wantIs(t, f.store.SetActive(f.ctx, boss.ID, ana.ID, false), nil)
		if u, _ := f.store.User(f.ctx, ana.ID); u.Active {
			t.Fatal("not deactivated")
		}
		wantIs(t, f.store.SetActive(f.ctx, boss.ID, ana.ID, false), nil) // again: no error
		wantIs(t, f.store.SetActive(f.ctx, boss.ID, ana.ID, true), nil)
		if u, _ := f.store.User(f.ctx, ana.ID); !u.Active {
			t.Fatal("not reactivated")
		}
	})
}

func TestSetPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		org := f.org("acme")
		ana := f.user(org.ID, identity.RoleLearner, "ana@acme.test", "Ana")
		wantField(t, f.store.SetPassword(f.ctx, ana.ID, "short"), "password", "min")
		wantField(t, f.store.SetPassword(f.ctx, ana.ID, strings.Repeat("p", 129)), "password", "max")
		if u, _ := f.store.User(f.ctx, ana.ID); *u.PasswordHash != testHash() {
			t.Fatal("a refused password was stored")
		}
		const pw = "ten chars!"
		if err := f.store.SetPassword(f.ctx, ana.ID, pw); err != nil {
			t.Fatal(err)
		}
		u, _ := f.store.User(f.ctx, ana.ID)
		if u.PasswordHash == nil || !identity.CheckPassword(*u.PasswordHash, pw) || identity.CheckPassword(*u.PasswordHash, testPassword) {
			t.Fatal("the new password does not check, or the old one still does")
		}
	})
}

func TestSigningKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		k1, err := f.store.SigningKey(f.ctx)
		if err != nil || len(k1) != 32 {
			t.Fatalf("SigningKey = %x, %v", k1, err)
		}
		// Another instance over the same database gets the same key.
		k2, err := identity.NewStore(gdb, identity.DefaultConfig()).SigningKey(f.ctx)
		if err != nil || !bytes.Equal(k1, k2) {
			t.Fatalf("second SigningKey = %x, %v; want %x", k2, err, k1)
		}
	})
}

func TestIDsAndEmails(t *testing.T) {
	a, b := identity.NewID(), identity.NewID()
	if a == b || !identity.ValidID(a) || a > b {
		t.Fatalf("NewID = %s, %s: want distinct, valid, increasing", a, b)
	}
	for _, bad := range []string{"", "x", strings.ToUpper(a) + "0", strings.ReplaceAll(a, "-", "")} {
		if identity.ValidID(bad) {
			t.Errorf("ValidID(%q) = true", bad)
		}
	}
	if got := identity.NormaliseEmail("  Ana.Pérez@Example.COM\t"); got != "ana.pérez@example.com" {
		t.Fatalf("NormaliseEmail = %q", got)
	}
	if !errors.Is(identity.ErrBadCredentials, errs.ErrUnauthenticated) {
		t.Fatal("ErrBadCredentials must be an ErrUnauthenticated")
	}
}
