package badges_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/activity"
	"github.com/academy-platform/academy/internal/badges"
	"github.com/academy-platform/academy/internal/badges/dataintegrity"
	"github.com/academy-platform/academy/internal/identity"
)

const baseURL = "https://academy.test"

var secret = []byte("0123456789abcdef0123456789abcdef")

// catalogue describes two modules of the built-in course, as the application does.
func catalogue() badges.Catalogue {
	giving := badges.Dimension{Slug: "giving-first", Name: badges.Text{"es": "Dar primero", "en": "Giving first"},
		Description: badges.Text{"es": "Ofreces ayuda antes de pedir.", "en": "You offer help before asking."}}
	other := badges.Dimension{Slug: "other-focus", Name: badges.Text{"es": "Foco en el otro", "en": "Other-focus"},
		Description: badges.Text{"es": "Preguntas por los objetivos de los demás.", "en": "You ask about others' goals."}}
	return badges.Catalogue{
		Achievements: map[string]badges.Achievement{
			"giving-first": {Slug: "giving-first", Name: badges.Text{"es": "Dar primero", "en": "Giving first"},
				Description: badges.Text{"es": "Ofrece ayuda antes de pedir nada.", "en": "Offer help before asking for anything."},
				Criteria:    badges.Text{"es": "Completa las 3 lecciones y aprueba el cuestionario.", "en": "Complete the 3 lessons and pass the quiz."},
				Dimensions:  []badges.Dimension{giving}},
			"networking-is-giving": {Slug: "networking-is-giving", Name: badges.Text{"es": "Networking es dar", "en": "Networking is giving"},
				Description: badges.Text{"es": "Qué es el networking.", "en": "What networking is."},
				Criteria:    badges.Text{"es": "Completa el módulo.", "en": "Complete the module."},
				Dimensions:  []badges.Dimension{giving, other}},
		},
		Framework:  badges.Text{"es": "Modelo de competencia de networking de Academy", "en": "Academy's networking competency model"},
		Criteria:   badges.Text{"es": "Completa el módulo.", "en": "Complete the module."},
		Dimensions: []badges.Dimension{giving, other},
	}
}

type fixture struct {
	t     *testing.T
	ctx   context.Context
	gdb   *gorm.DB
	ids   *identity.Store
	store *badges.Store
	now   time.Time
}

func newFixture(t *testing.T, gdb *gorm.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), gdb: gdb, ids: identity.NewStore(gdb, identity.DefaultConfig()),
		now: time.Date(2026, 5, 4, 10, 30, 0, 0, time.UTC)}
	store, err := badges.NewStore(gdb, badges.Config{BaseURL: baseURL + "/", Secret: secret, Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	store.UseCatalogue(catalogue())
	f.store = store
	return f
}

func (f *fixture) org(slug string) string {
	f.t.Helper()
	o, err := f.ids.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: slug, Name: strings.ToUpper(slug[:1]) + slug[1:] + " S.L."})
	if err != nil {
		f.t.Fatal(err)
	}
	return o.ID
}

func (f *fixture) user(orgID, email, locale string, role identity.Role) string {
	f.t.Helper()
	u, err := f.ids.CreateUser(f.ctx, identity.NewUser{OrganisationID: orgID, Email: email, Name: "Person " + email,
		Locale: locale, Role: role})
	if err != nil {
		f.t.Fatal(err)
	}
	return u.ID
}

// completed is the event the courses store records when a learner completes a module.
func completed(userID, slug string, at time.Time) activity.Event {
	names := catalogue().Achievements[slug].Name
	if names == nil {
		names = badges.Text{"es": "Módulo " + slug, "en": "Module " + slug}
	}
	return activity.Event{ID: "module-completed:" + userID + ":" + slug, Kind: activity.ModuleCompleted, UserID: userID,
		At: at, Object: activity.Object{Type: "module", ID: slug, Name: names}}
}

// record records e in a transaction of its own, as a store would in the one completing the
// module.
func (f *fixture) record(e activity.Event) {
	f.t.Helper()
	err := f.gdb.WithContext(f.ctx).Transaction(func(tx *gorm.DB) error { return f.store.Record(tx, e) })
	if err != nil {
		f.t.Fatal(err)
	}
}

// earn records a completion and returns the learner's badge for it.
func (f *fixture) earn(userID, slug string) badges.Badge {
	f.t.Helper()
	f.record(completed(userID, slug, f.now.Add(-time.Hour)))
	b, err := f.store.ForModule(f.ctx, userID, slug)
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

func (f *fixture) verify(id string) badges.Verification {
	f.t.Helper()
	v, err := f.store.Verify(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

// issuerKeys reads the organisation's published keys from its issuer profile, as an
// outside verifier dereferencing a verification method would.
func (f *fixture) issuerKeys(orgID string) map[string]ed25519.PublicKey {
	f.t.Helper()
	doc, err := f.store.IssuerProfile(f.ctx, orgID)
	if err != nil {
		f.t.Fatal(err)
	}
	var p struct {
		ID                 string   `json:"id"`
		AssertionMethod    []string `json:"assertionMethod"`
		VerificationMethod []struct {
			ID, Type, Controller, PublicKeyMultibase string
		} `json:"verificationMethod"`
	}
	if err := json.Unmarshal(doc, &p); err != nil {
		f.t.Fatal(err)
	}
	keys := map[string]ed25519.PublicKey{}
	for i, vm := range p.VerificationMethod {
		if vm.Type != "Multikey" || vm.Controller != p.ID || !strings.HasPrefix(vm.PublicKeyMultibase, "z6Mk") ||
			i >= len(p.AssertionMethod) || p.AssertionMethod[i] != vm.ID {
			f.t.Fatalf("issuer profile key %+v is not an assertion Multikey of %s", vm, p.ID)
		}
		pub, err := dataintegrity.DecodePublicKey(vm.PublicKeyMultibase)
		if err != nil {
			f.t.Fatal(err)
		}
		keys[vm.ID] = pub
	}
	return keys
}

// verifyOutside checks a signed document only with what is public: the issuer profile.
func (f *fixture) verifyOutside(orgID string, doc []byte) (dataintegrity.Proof, error) {
	keys := f.issuerKeys(orgID)
	return dataintegrity.Verify(doc, dataintegrity.AssertionMethod, func(vm string) (ed25519.PublicKey, error) {
		if k, ok := keys[vm]; ok {
			return k, nil
		}
		return nil, errUnknownKey
	})
}

var errUnknownKey = errorString("the issuer publishes no such key")

type errorString string

func (e errorString) Error() string { return string(e) }
