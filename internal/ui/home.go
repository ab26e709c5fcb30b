package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/courses"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

type learnerHome struct {
	Cohorts []identity.CohortSummary
	Coaches map[string][]identity.User
	Overall courses.Overall
	Next    *courses.CatalogueEntry // the first module not completed yet
	// Development: follow-up reminders and the events they are going to.
	Development homeDevelopment
}

type coachHome struct {
	Cohorts  []identity.CohortSummary
	Learners int64
}

type orgAdminHome struct {
	Organisation identity.Organisation
	Cohorts      []identity.CohortSummary
	People       int
	Pending      int
	Inactive     int
}

type adminHome struct {
	Organisations []identity.OrganisationSummary
}

// Home shows each role its own starting page.
func (h *Handler) Home(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	switch u.Role {
	case identity.RoleAdmin:
		orgs, err := h.ids.Organisations(ctx(c))
		if err != nil {
			return err
		}
		return h.site.Page(c, "home/admin", h.site.NewView(c, "home.title", adminHome{Organisations: orgs}))
	case identity.RoleOrgAdmin:
		return h.orgAdminHome(c, u)
	case identity.RoleCoach:
		cohorts, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{CoachID: u.ID})
		if err != nil {
			return err
		}
		var learners int64
		for _, co := range cohorts {
			learners += co.Members
		}
		return h.site.Page(c, "home/coach", h.site.NewView(c, "home.title", coachHome{Cohorts: cohorts, Learners: learners}))
	default:
		cohorts, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{MemberID: u.ID})
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(cohorts))
		for _, co := range cohorts {
			ids = append(ids, co.ID)
		}
		coaches, err := h.ids.CoachesOf(ctx(c), ids)
		if err != nil {
			return err
		}
		home := learnerHome{Cohorts: cohorts, Coaches: coaches}
		catalogue, overall, err := h.courses.CatalogueAndProgress(ctx(c), u.ID)
		if err != nil {
			return err
		}
		home.Overall = overall
		for i := range catalogue {
			if catalogue[i].Progress.CompletedAt == nil {
				home.Next = &catalogue[i]
				break
			}
		}
		if home.Development, err = h.homeDevelopment(c); err != nil {
			return err
		}
		return h.site.Page(c, "home/learner", h.site.NewView(c, "home.title", home))
	}
}

func (h *Handler) orgAdminHome(c *fiber.Ctx, u *identity.User) error {
	org, err := h.ids.Organisation(ctx(c), u.OrgID())
	if err != nil {
		return err
	}
	cohorts, err := h.ids.Cohorts(ctx(c), identity.CohortFilter{OrganisationID: org.ID})
	if err != nil {
		return err
	}
	people, err := h.ids.UsersInOrganisation(ctx(c), org.ID)
	if err != nil {
		return err
	}
	data := orgAdminHome{Organisation: org, Cohorts: cohorts, People: len(people)}
	for _, p := range people {
		if p.Pending() {
			data.Pending++
		}
		if !p.Active {
			data.Inactive++
		}
	}
	return h.site.Page(c, "home/org_admin", h.site.NewView(c, "home.title", data))
}
