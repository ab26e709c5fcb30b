package ui

import (
	"github.com/gofiber/fiber/v2"

	"github.com/academy-platform/academy/internal/branding"
	"github.com/academy-platform/academy/internal/identity"
	"github.com/academy-platform/academy/internal/reportjobs"
)

// recentJobs is how many bulk jobs the reports page lists.
const recentJobs = 10

type reportsPage struct {
	Organisation identity.Organisation
	// Lang is the language the page's download links ask for.
	Lang     string
	Cohorts  []identity.CohortSummary
	Learners []identity.User
	Exports  []string
	Jobs     []jobRow
	Look     branding.Look
	// RetentionHours is how long a ZIP stays downloadable.
	RetentionHours int
}

// jobRow is a bulk job with the name of its cohort ("" for the whole organisation).
type jobRow struct {
	reportjobs.Job
	Cohort string
}

func (h *Handler) reportsView(c *fiber.Ctx, org identity.Organisation, lang string) (*reportsPage, error) {
	page := &reportsPage{Organisation: org, Lang: lang, Exports: exportKinds(),
		RetentionHours: int(h.deliver.Jobs.Retention().Hours())}
	var err error
	if page.Cohorts, err = h.ids.Cohorts(ctx(c), identity.CohortFilter{OrganisationID: org.ID}); err != nil {
		return nil, err
	}
	people, err := h.ids.UsersInOrganisation(ctx(c), org.ID)
	if err != nil {
		return nil, err
	}
	for _, u := range people {
		if u.Role == identity.RoleLearner {
			page.Learners = append(page.Learners, u)
		}
	}
	jobs, err := h.deliver.Jobs.Jobs(ctx(c), org.ID, recentJobs)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, co := range page.Cohorts {
		names[co.ID] = co.Name
	}
	for _, j := range jobs {
		row := jobRow{Job: j}
		if j.CohortID != nil {
			row.Cohort = names[*j.CohortID]
		}
		page.Jobs = append(page.Jobs, row)
	}
	page.Look, err = h.deliver.Branding.Look(ctx(c), org.ID)
	return page, err
}

// Reports is the organisation admin's page of downloads: the organisation and cohort
// reports, the CSV exports, each learner's report, bulk ZIPs and the branding, with the
// documents in the language chosen on the page (by default the reader's).
func (h *Handler) Reports(c *fiber.Ctx) error {
	lang, err := documentLang(c)
	if err != nil {
		return err
	}
	org, err := h.organisation(c, reportjobs.OrganisationReportAction)
	if err != nil {
		return err
	}
	page, err := h.reportsView(c, org, lang)
	if err != nil {
		return err
	}
	return h.site.Page(c, "reports/org", h.site.NewView(c, "reports.title", page))
}
