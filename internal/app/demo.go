package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
)

// The demo: two organisations, so that tenancy can be seen, with an administrator, a
// coach and learners in cohorts, plus a platform administrator.
type demoOrg struct {
	slug, name   string
	admin, coach string // their names
	cohorts      []demoCohort
}

type demoCohort struct {
	name, description string
	learners          []int // learnerN numbers
}

var demoOrgs = []demoOrg{
	{slug: "acme", name: "Acme Consulting", admin: "Ana Ferrer", coach: "Irene Beltrán", cohorts: []demoCohort{
		{name: "Desarrollo de negocio 2026", description: "Equipo comercial y de preventa.", learners: []int{1, 2, 3, 4, 5, 6}},
		{name: "Liderazgo · primavera", description: "Mandos intermedios del programa de talento.", learners: []int{7, 8, 9, 10, 11, 12}},
	}},
	{slug: "globex", name: "Globex Iberia", admin: "David Costa", coach: "Marc Soler", cohorts: []demoCohort{
		{name: "Business development", description: "Account managers, Barcelona and Lisbon.", learners: []int{1, 2, 3, 4}},
	}},
}

var demoNames = []string{
	"Lucía Martín", "Javier Ortega", "Carmen Ruiz", "Daniel Navarro", "Marta Gil", "Pablo Serrano",
	"Elena Castro", "Sergio Molina", "Laura Ibáñez", "Andrés Vidal", "Nuria Pascual", "Óscar Delgado",
}

const demoAdminEmail = "admin@academy.example"

// LoadDemo creates the demo organisations in a built App unless they already exist,
// without the course history that `seed --demo` adds (it costs a second per load, and tests
// build many Apps).
func LoadDemo(ctx context.Context, a *App, password string) error {
	_, err := loadDemo(ctx, a, password, false, io.Discard)
	return err
}

// loadDemo creates the demo organisations unless they already exist. It reports whether it
// created them.
func loadDemo(ctx context.Context, a *App, password string, courseHistory bool, out io.Writer) (bool, error) {
	ids, asmt := a.ids, a.asmt
	_, err := ids.OrganisationBySlug(ctx, demoOrgs[0].slug)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, errs.ErrNotFound) {
		return false, err
	}
	// One hash for every demo account: they share the published demo password anyway, and
	// the first start stays fast.
	hash := identity.HashPassword(password)
	if _, err := ids.CreateUser(ctx, identity.NewUser{Email: demoAdminEmail, Name: "Academy Admin", Role: identity.RoleAdmin, Locale: "es", PasswordHash: hash}); err != nil {
		return false, fmt.Errorf("demo admin: %w", err)
	}
	for _, o := range demoOrgs {
		orgID, learnerIDs, err := loadDemoOrg(ctx, ids, o, hash)
		if err != nil {
			return false, fmt.Errorf("demo %s: %w", o.slug, err)
		}
		if courseHistory {
			if err := loadDemoCourses(ctx, a.db, a.badges, learnerIDs, time.Now().UTC()); err != nil {
				return false, err
			}
		}
		learners := 0
		for _, c := range o.cohorts {
			learners += len(c.learners)
		}
		if err := loadDemoAssessments(ctx, asmt, orgID, o.slug, learners, time.Now().UTC()); err != nil {
			return false, err
		}
	}
	fmt.Fprintln(out, "Loaded the demo organisations acme and globex.")
	return true, nil
}

func loadDemoOrg(ctx context.Context, ids *identity.Store, o demoOrg, hash string) (string, map[int]string, error) {
	learnerIDs := map[int]string{}
	org, err := ids.CreateOrganisation(ctx, identity.OrganisationInput{Slug: o.slug, Name: o.name})
	if err != nil {
		return "", nil, err
	}
	person := func(email, name string, role identity.Role) (identity.User, error) {
		return ids.CreateUser(ctx, identity.NewUser{OrganisationID: org.ID, Email: email, Name: name, Role: role, Locale: "es", PasswordHash: hash})
	}
	if _, err := person("admin@"+o.slug+".example", o.admin, identity.RoleOrgAdmin); err != nil {
		return "", nil, err
	}
	coach, err := person("coach@"+o.slug+".example", o.coach, identity.RoleCoach)
	if err != nil {
		return "", nil, err
	}
	for _, dc := range o.cohorts {
		cohort, err := ids.CreateCohort(ctx, org.ID, identity.CohortInput{Name: dc.name, Description: dc.description})
		if err != nil {
			return "", nil, err
		}
		if err := ids.AssignCoach(ctx, cohort.ID, coach.ID); err != nil {
			return "", nil, err
		}
		for _, n := range dc.learners {
			name := demoNames[(n-1+len(o.slug))%len(demoNames)]
			u, err := person(fmt.Sprintf("learner%d@%s.example", n, o.slug), name, identity.RoleLearner)
			if err != nil {
				return "", nil, err
			}
			learnerIDs[n] = u.ID
			if err := ids.AddMember(ctx, cohort.ID, u.ID); err != nil {
				return "", nil, err
			}
		}
	}
	return org.ID, learnerIDs, nil
}

func printDemoLogins(w io.Writer, password string) {
	fmt.Fprintln(w, "\nDemo logins (password for all: "+password+"):")
	fmt.Fprintln(w, "  platform admin   "+demoAdminEmail)
	for _, o := range demoOrgs {
		n := 0
		for _, c := range o.cohorts {
			n += len(c.learners)
		}
		fmt.Fprintf(w, "  %-16s admin@%s.example (organisation admin), coach@%s.example (coach),\n", o.slug, o.slug, o.slug)
		fmt.Fprintf(w, "  %-16s learner1@%s.example … learner%d@%s.example (learners)\n", "", o.slug, n, o.slug)
	}
	fmt.Fprintln(w)
}
