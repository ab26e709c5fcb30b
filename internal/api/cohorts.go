package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/errs"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/web"
)

// Cohort is a cohort as the API shows it.
type Cohort struct {
	ID             string    `json:"id"`
	OrganisationID string    `json:"organisation_id"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	MembersCount   int64     `json:"members_count"`
	CoachesCount   int64     `json:"coaches_count"`
	CreatedAt      time.Time `json:"created_at"`
}

// CohortDetail is a cohort with the people in it that the caller may see.
type CohortDetail struct {
	Cohort
	Members []User `json:"members"`
	Coaches []User `json:"coaches"`
}

// CohortList is the answer of GET /api/v1/cohorts: one page of the cohorts.
type CohortList struct {
	Cohorts    []Cohort `json:"cohorts"`
	NextCursor *string  `json:"next_cursor"`
}

type cohortQuery struct {
	Organisation string `json:"organisation" validate:"omitempty,uuid"`
}

// Cohorts answers GET /api/v1/cohorts: the cohorts the caller may see (administrators:
// every cohort, optionally of one organisation; organisation administrators: their
// organisation's; coaches: the ones they coach; learners: their own), one page of them.
func (h *Handler) Cohorts(c *fiber.Ctx) error {
	q := cohortQuery{Organisation: c.Query("organisation")}
	if err := h.validate.Struct(q); err != nil {
		return errs.InQuery(err)
	}
	p, err := page(c, "cohorts")
	if err != nil {
		return err
	}
	a, err := web.CurrentActor(c)
	if err != nil {
		return err
	}
	f := identity.CohortFilter{OrganisationID: q.Organisation, Page: p.Page}
	switch a.Role {
	case identity.RoleAdmin:
	case identity.RoleOrgAdmin:
		if q.Organisation != "" && q.Organisation != a.OrgID {
			return sendList(c, CohortList{Cohorts: []Cohort{}})
		}
		f.OrganisationID = a.OrgID
	case identity.RoleCoach:
		f.CoachID = a.UserID
	default:
		f.MemberID = a.UserID
	}
	cohorts, err := h.ids.Cohorts(ctx(c), f)
	if err != nil {
		return storeErr(err)
	}
	cohorts, next := nextPage(p, cohorts)
	out := CohortList{Cohorts: make([]Cohort, 0, len(cohorts)), NextCursor: next}
	for _, co := range cohorts {
		out.Cohorts = append(out.Cohorts, toCohort(co))
	}
	return sendList(c, out)
}

// Cohort answers GET /api/v1/cohorts/{id}, listing only the members and coaches the
// caller may see.
func (h *Handler) Cohort(c *fiber.Ctx) error {
	cohort, err := h.ids.Cohort(ctx(c), c.Params("id"))
	if err != nil {
		return err
	}
	if err := authorize(c, identity.View, identity.CohortResource(cohort)); err != nil {
		return err
	}
	members, err := h.ids.CohortMembers(ctx(c), cohort.ID)
	if err != nil {
		return err
	}
	coaches, err := h.ids.CohortCoaches(ctx(c), cohort.ID)
	if err != nil {
		return err
	}
	out := CohortDetail{
		Cohort: toCohort(identity.CohortSummary{Cohort: cohort, Members: int64(len(members)), Coaches: int64(len(coaches))}),
		Members: visible(c, members, func(u identity.User) identity.Resource {
			return identity.Resource{Kind: identity.KindUser, ID: u.ID, OrgID: u.OrgID(), OwnerID: u.ID, MemberOf: []string{cohort.ID}}
		}),
		Coaches: visible(c, coaches, func(u identity.User) identity.Resource {
			return identity.Resource{Kind: identity.KindUser, ID: u.ID, OrgID: u.OrgID(), OwnerID: u.ID, CoachesIn: []string{cohort.ID}}
		}),
	}
	return c.JSON(out)
}

// visible keeps the people the caller may view. The resource facts are those known from
// the cohort alone; the policy only grants more with more facts, so this never shows
// anyone the caller could not open one by one.
func visible(c *fiber.Ctx, people []identity.User, resource func(identity.User) identity.Resource) []User {
	out := []User{}
	for _, u := range people {
		if authorize(c, identity.View, resource(u)) == nil {
			out = append(out, toUser(u))
		}
	}
	return out
}

func toCohort(co identity.CohortSummary) Cohort {
	return Cohort{ID: co.ID, OrganisationID: co.OrganisationID, Name: co.Name, Description: co.Description,
		MembersCount: co.Members, CoachesCount: co.Coaches, CreatedAt: co.CreatedAt}
}
