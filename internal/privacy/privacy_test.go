package privacy_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/privacy"
)

func TestPartKeys(t *testing.T) {
	ok := func(context.Context, string) ([]json.RawMessage, error) { return nil, nil }
	cases := map[string][]privacy.Part{
		"empty":    {privacy.Section("", ok, nil)},
		"repeated": {privacy.Section("badges", ok, nil), privacy.Section("badges", ok, nil)},
		"reserved": {privacy.Section("profile", ok, nil)},
		"format":   {privacy.Eraser("format", nil)},
	}
	for name, parts := range cases {
		if _, err := privacy.New(nil, nil, parts...); err == nil {
			t.Errorf("%s key accepted", name)
		}
	}
	if _, err := privacy.New(nil, nil, privacy.Section("badges", ok, nil), privacy.Eraser("zips", nil)); err != nil {
		t.Errorf("distinct keys refused: %v", err)
	}
}

func TestDocumentOrderAndName(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	doc := privacy.Document{GeneratedAt: at, Profile: identity.PersonalProfile{Name: "Ana"},
		Sections: []privacy.DocumentSection{{Key: "zeta", Data: []int{1}}, {Key: "alpha", Data: map[string]string{"b": "c"}}}}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	order := []string{`"format":"academy-personal-data"`, `"version":1`, `"generated_at":"2026-03-02T09:30:00Z"`, `"profile":{`,
		`"zeta":[1]`, `"alpha":{"b":"c"}`}
	last := -1
	for _, o := range order {
		i := strings.Index(s, o)
		if i <= last {
			t.Fatalf("%s missing or out of order in %s", o, s)
		}
		last = i
	}
	if !json.Valid(b) || doc.FileName() != "academy-personal-data-2026-03-02.json" {
		t.Errorf("valid %v, file name %s", json.Valid(b), doc.FileName())
	}
}

func TestSameName(t *testing.T) {
	for _, c := range []struct {
		typed, name string
		same        bool
	}{
		{"Ana López", "Ana López", true},
		{"  ana   LÓPEZ ", "Ana López", true},
		{"Ana Lopez", "Ana López", false},
		{"Ana", "Ana López", false},
		{"", "", false},
	} {
		if got := privacy.SameName(c.typed, c.name); got != c.same {
			t.Errorf("SameName(%q, %q) = %v", c.typed, c.name, got)
		}
	}
}

// TestEraseIsAllOrNothing checks that when one part fails, nothing of the erasure stays:
// neither what the parts before it did, nor the account's anonymisation, nor the log.
func TestEraseIsAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		ctx := context.Background()
		ids := identity.NewStore(gdb, identity.DefaultConfig())
		org, err := ids.CreateOrganisation(ctx, identity.OrganisationInput{Slug: "acme", Name: "Acme"})
		if err != nil {
			t.Fatal(err)
		}
		admin, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: org.ID, Email: "admin@acme.test", Name: "Ada", Role: identity.RoleOrgAdmin})
		if err != nil {
			t.Fatal(err)
		}
		lea, err := ids.CreateUser(ctx, identity.NewUser{OrganisationID: org.ID, Email: "lea@acme.test", Name: "Lea Learner", Role: identity.RoleLearner})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := ids.CreateAPIToken(ctx, lea.ID, identity.APITokenInput{Name: "t"}); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		touched := privacy.Eraser("first", func(tx *gorm.DB, userID string) error {
			return tx.Exec("DELETE FROM api_tokens WHERE user_id = ?", userID).Error
		})
		failing := privacy.Eraser("second", func(*gorm.DB, string) error { return boom })
		svc, err := privacy.New(gdb, ids, touched, failing)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Erase(ctx, admin.ID, lea.ID, privacy.EraseInput{ConfirmName: "Lea Learner"}); !errors.Is(err, boom) {
			t.Fatalf("erase: %v", err)
		}
		var tokens, erasures int64
		gdb.Table("api_tokens").Where("user_id = ?", lea.ID).Count(&tokens)
		gdb.Table("erasures").Count(&erasures)
		if u, err := ids.User(ctx, lea.ID); err != nil || u.Name != "Lea Learner" || tokens != 1 || erasures != 0 {
			t.Fatalf("after a failed erasure: %+v %v, %d tokens, %d erasures", u, err, tokens, erasures)
		}

		// Without the failing part it goes through, once.
		svc, _ = privacy.New(gdb, ids, touched)
		first, err := svc.Erase(ctx, admin.ID, lea.ID, privacy.EraseInput{ConfirmName: "lea learner"})
		if err != nil {
			t.Fatal(err)
		}
		again, err := svc.Erase(ctx, admin.ID, lea.ID, privacy.EraseInput{})
		if err != nil || again.ID != first.ID || *again.ErasedBy != admin.ID || again.SubjectID != lea.ID {
			t.Fatalf("again: %+v %v (first %+v)", again, err, first)
		}
		if _, err := svc.Export(ctx, lea.ID); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("export of an erased person: %v", err)
		}
		log, err := svc.Erasures(ctx, org.ID, 10)
		if err != nil || len(log) != 1 || log[0].ErasedByName != "Ada" {
			t.Errorf("log %+v %v", log, err)
		}
	})
}
