package identity

import (
	"context"
	"fmt"
	"strings"
	"time"
	// The IANA time zone database inside the binary: zones work on a machine without one.
	_ "time/tzdata"

	"github.com/academy-platform/academy/internal/errs"
)

// DefaultTimeZone is the zone of an organisation that has not chosen one (and of every
// organisation that existed before zones did).
const DefaultTimeZone = "Europe/Madrid"

// CommonTimeZones are the zones the settings page suggests, Spain's and Latin America's
// first; any other IANA name is accepted too.
var CommonTimeZones = []string{
	"Europe/Madrid", "Atlantic/Canary", "Europe/Lisbon", "Europe/London", "Europe/Paris", "Europe/Berlin",
	"America/Mexico_City", "America/Bogota", "America/Lima", "America/Santiago", "America/Argentina/Buenos_Aires",
	"America/Sao_Paulo", "America/New_York", "America/Los_Angeles", "UTC",
}

// Location is the organisation's time zone; an unknown or empty name is DefaultTimeZone's
// (names are checked before they are stored, so that only happens to hand-made rows).
func (o Organisation) Location() *time.Location {
	if loc, err := time.LoadLocation(o.TimeZone); err == nil && o.TimeZone != "" {
		return loc
	}
	loc, err := time.LoadLocation(DefaultTimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// checkTimeZone trims name and checks that it is an IANA zone Academy knows: "" is
// DefaultTimeZone; anything else unknown is a validation error on the field time_zone.
// "Local" is refused: it means the server's zone, not a place.
func checkTimeZone(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return DefaultTimeZone, nil
	}
	if _, err := time.LoadLocation(name); err != nil || name == "Local" || len(name) > 64 {
		return "", errs.Invalid("time_zone", "time_zone", name)
	}
	return name, nil
}

// SetOrganisationTimeZone changes the zone the organisation's event times are typed and
// shown in. An unknown zone is a validation error and changes nothing.
func (s *Store) SetOrganisationTimeZone(ctx context.Context, orgID, name string) (Organisation, error) {
	zone, err := checkTimeZone(name)
	if err != nil {
		return Organisation{}, err
	}
	if strings.TrimSpace(name) == "" {
		return Organisation{}, errs.Invalid("time_zone", "required", "")
	}
	res := s.conn(ctx).Model(&Organisation{}).Where("id = ?", orgID).Update("time_zone", zone)
	if res.Error != nil {
		return Organisation{}, res.Error
	}
	if res.RowsAffected == 0 {
		return Organisation{}, fmt.Errorf("organisation %s: %w", orgID, errs.ErrNotFound)
	}
	return s.Organisation(ctx, orgID)
}

// OrganisationLocation is the time zone of the organisation with the given id.
func (s *Store) OrganisationLocation(ctx context.Context, orgID string) (*time.Location, error) {
	org, err := s.Organisation(ctx, orgID)
	if err != nil {
		return nil, err
	}
	return org.Location(), nil
}
