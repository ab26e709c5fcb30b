package identity_test

import (
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/academy-platform/academy/internal/db/dbtest"
	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

func TestOrganisationTimeZone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, gdb *gorm.DB) {
		f := newFixture(t, gdb)
		acme := f.org("acme")
		if acme.TimeZone != identity.DefaultTimeZone || acme.Location().String() != "Europe/Madrid" {
			t.Fatalf("a new organisation's zone is %q", acme.TimeZone)
		}
		bogota, err := f.store.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: "bogota", Name: "Bogotá", TimeZone: " America/Bogota "})
		if err != nil || bogota.TimeZone != "America/Bogota" {
			t.Fatalf("created with a zone: %+v, %v", bogota, err)
		}
		if _, err := f.store.CreateOrganisation(f.ctx, identity.OrganisationInput{Slug: "mars", Name: "Mars", TimeZone: "Mars/Olympus"}); !isFieldError(err, "time_zone", "time_zone") {
			t.Fatalf("created with an unknown zone: %v", err)
		}
		if _, err := f.store.OrganisationBySlug(f.ctx, "mars"); !errors.Is(err, errs.ErrNotFound) {
			t.Fatalf("the organisation with an unknown zone was stored: %v", err)
		}

		for _, bad := range []struct{ zone, code string }{{"Europe/Atlantis", "time_zone"}, {"Local", "time_zone"}, {"  ", "required"},
			{"../../etc/passwd", "time_zone"}} {
			if _, err := f.store.SetOrganisationTimeZone(f.ctx, acme.ID, bad.zone); !isFieldError(err, "time_zone", bad.code) {
				t.Errorf("zone %q: %v, want %s", bad.zone, err, bad.code)
			}
		}
		if got, _ := f.store.Organisation(f.ctx, acme.ID); got.TimeZone != identity.DefaultTimeZone {
			t.Fatalf("refused zones changed it to %q", got.TimeZone)
		}
		got, err := f.store.SetOrganisationTimeZone(f.ctx, acme.ID, "Atlantic/Canary")
		if err != nil || got.TimeZone != "Atlantic/Canary" {
			t.Fatalf("set: %+v, %v", got, err)
		}
		loc, err := f.store.OrganisationLocation(f.ctx, acme.ID)
		if err != nil || loc.String() != "Atlantic/Canary" {
			t.Fatalf("location: %v, %v", loc, err)
		}
		if _, err := f.store.SetOrganisationTimeZone(f.ctx, identity.NewID(), "UTC"); !errors.Is(err, errs.ErrNotFound) {
			t.Fatalf("an unknown organisation: %v", err)
		}
	})
}

func isFieldError(err error, field, code string) bool {
	verr, ok := errs.AsValidation(err)
	if !ok {
		return false
	}
	f, ok := verr.Field(field)
	return ok && f.Code == code
}
